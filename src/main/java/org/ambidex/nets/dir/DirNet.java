package org.ambidex.nets.dir;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.ambidex.nets.ResNet;
import org.ambidex.nets.TorchModule;

/**
 * DIR ({@code models/dir.py: DIR}) with the reference's module names: {@code backbone} (ResNet-50, torchvision
 * names; the reference's unused {@code backbone.fc} is not held), {@code init_regressor} ({@link InitRegressor})
 * on the last map, and {@code decoder} ({@link FusionDecoder}) with its two refinement stages. Input: crops
 * (B,3,256,256), RGB / 255 normalised with ImageNet's mean and deviation. Output: three {@link DirStage}s
 * (initial, refined once, refined twice); the last is the network's answer.
 */
public final class DirNet extends TorchModule {

    /** Metres per unit of the offset output. */
    public static final float OFFSET_UNIT = Joint2BoneFeature.UNIT;

    private final DirConfig config;
    private final ResNet backbone;
    private final InitRegressor initial;
    private final FusionDecoder decoder;

    public DirNet(DirConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        backbone = child("backbone", new ResNet(50, config.resnetBase()));
        initial = child("init_regressor", new InitRegressor(config.backboneChannels()));
        decoder = child("decoder", new FusionDecoder(config));
    }

    public DirConfig config() {
        return config;
    }

    /** The ResNet-50 backbone (torchvision's parameter names under {@code backbone.}). */
    public ResNet backbone() {
        return backbone;
    }

    /** The MANO layer of hand {@code hand} (0 right, 1 left) that decodes the final stage. */
    public ManoPcaLayer finalLayer(int hand) {
        return decoder.finalLayer(hand);
    }

    /**
     * Runs the backbone's and the initial regressor's convolutions with their batch norms folded in until the next
     * forward pass in training mode ({@link ResNet#foldBatchNorms}); call it again after changing the weights without
     * training.
     */
    public void foldBatchNorms(NDManager manager) {
        backbone.foldBatchNorms(manager);
        initial.foldBatchNorms(manager);
    }

    /** Writes the constant buffers a fresh network needs (the decoder's cell grids). */
    public void resetBuffers() {
        decoder.resetGrids();
    }

    /** The stages for {@code images} (B,3,256,256), and the training heads' maps when {@code heads}. */
    public Output run(ParameterStore store, NDArray images, boolean heads, boolean training) {
        NDList levels = backbone.pyramid(store, images, training);
        DirStage first = initial.run(store, levels.get(3), training);
        FusionDecoder.Output refined = decoder.run(store, levels, first, heads, training);
        List<DirStage> stages = new ArrayList<>();
        stages.add(first);
        stages.addAll(refined.stages());
        return new Output(stages, refined.seg(), refined.dense());
    }

    /**
     * What the network returns.
     *
     * @param stages initial, first and second refinement
     * @param seg (B,3,64,64) segmentation logits (background, left, right), or {@code null}
     * @param dense (B,3,64,64) dense map, or {@code null}
     */
    public record Output(List<DirStage> stages, NDArray seg, NDArray dense) {
        public Output {
            stages = List.copyOf(stages);
        }

        public DirStage last() {
            return stages.get(stages.size() - 1);
        }
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        DirStage s = run(store, inputs.singletonOrThrow(), false, training).last();
        return new NDList(s.left().vertices(), s.right().vertices(), s.offset());
    }
}
