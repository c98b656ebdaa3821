package org.ambidex.nets.dir;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.List;
import org.ambidex.nets.BatchNorm2d;
import org.ambidex.nets.Conv2d;
import org.ambidex.nets.Functional;
import org.ambidex.nets.Sequential;
import org.ambidex.nets.TorchModule;

/**
 * DIR's {@code FusionJointInterIterDecoder}: two refinement stages, each on a map made by up-sampling the
 * previous one (bilinear x2, {@code align_corners=False}), concatenating a backbone level through
 * {@code skip_layer*} and fusing ({@code fusion_layer*}); the stage ({@code projecter_4} at 1/16 with bone
 * distance 1 cell, {@code projecter_3} at 1/8 with 2 cells) refines the hands and returns a map that
 * {@code enhance_layer*} merges in. {@code conv_final}, {@code seg} and {@code dense} (three-class
 * segmentation and dense maps at 1/8) serve training only.
 */
final class FusionDecoder extends TorchModule {

    private final PreActResidual skip4;
    private final PreActResidual fusion4;
    private final Joint2BoneFeature stage4;
    private final PreActResidual enhance4;
    private final PreActResidual skip3;
    private final PreActResidual fusion3;
    private final Joint2BoneFeature stage3;
    private final PreActResidual enhance3;
    private final Sequential convFinal;
    private final Sequential seg;
    private final Sequential dense;

    FusionDecoder(DirConfig c) {
        int c4 = c.backboneChannels();
        int f = c.features();
        skip4 = child("skip_layer4", new PreActResidual(c4 / 2, f));
        fusion4 = child("fusion_layer4", new PreActResidual(c4 + f, f));
        stage4 = child("projecter_4", new Joint2BoneFeature(f, c.embedding(), c.jointChannels(),
            DirConfig.INPUT_SIZE / 16, 1));
        enhance4 = child("enhance_layer4", new PreActResidual(f * 2, f));
        skip3 = child("skip_layer3", new PreActResidual(c4 / 4, f));
        fusion3 = child("fusion_layer3", new PreActResidual(f * 2, f));
        stage3 = child("projecter_3", new Joint2BoneFeature(f, c.embedding(), c.jointChannels(),
            DirConfig.INPUT_SIZE / 8, 2));
        enhance3 = child("enhance_layer3", new PreActResidual(f * 2, f));
        convFinal = child("conv_final", new Sequential(new Conv2d(f, f, 3, 1, 1, false), new BatchNorm2d(f),
            Functional.relu(), new Conv2d(f, f, 1, 1, 0, true)));
        seg = child("seg", head(f));
        dense = child("dense", head(f));
    }

    private static Sequential head(int f) {
        return new Sequential(new Conv2d(f, f / 2, 3, 1, 1, true), new BatchNorm2d(f / 2), Functional.relu(),
            new Conv2d(f / 2, 3, 1, 1, 0, true));
    }

    ManoPcaLayer finalLayer(int hand) {
        return stage3.layer(hand);
    }

    void resetGrids() {
        stage4.resetGrid();
        stage3.resetGrid();
    }

    /**
     * The two refined stages, and (when {@code heads}) the segmentation and dense maps (B,3,S/8,S/8), from the
     * backbone's levels c1..c4 and the initial stage.
     */
    Output run(ParameterStore store, NDList levels, DirStage initial, boolean heads, boolean training) {
        NDArray fused = fuse(store, levels.get(3), levels.get(2), skip4, fusion4, training);
        Joint2BoneFeature.Result first = stage4.run(store, fused, initial, training);
        NDArray enhanced = Forward.of(enhance4, store, NDArrays.concat(new NDList(fused, first.map()), 1), training);
        fused = fuse(store, enhanced, levels.get(1), skip3, fusion3, training);
        Joint2BoneFeature.Result second = stage3.run(store, fused, first.stage(), training);
        enhanced = Forward.of(enhance3, store, NDArrays.concat(new NDList(fused, second.map()), 1), training);
        NDArray segMap = null;
        NDArray denseMap = null;
        if (heads) {
            NDArray f = Forward.of(convFinal, store, enhanced, training);
            segMap = Forward.of(seg, store, f, training);
            denseMap = Forward.of(dense, store, f, training);
        }
        return new Output(List.of(first.stage(), second.stage()), segMap, denseMap);
    }

    private static NDArray fuse(ParameterStore store, NDArray coarse, NDArray level, PreActResidual skip,
                                PreActResidual fusion, boolean training) {
        long h = coarse.getShape().get(2);
        long w = coarse.getShape().get(3);
        // DJL's mode 1 is torch's bilinear up-sampling
        NDArray up = coarse.getNDArrayInternal().interpolation(new long[] {2 * h, 2 * w}, 1, false);
        return Forward.of(fusion, store, NDArrays.concat(new NDList(up, Forward.of(skip, store, level, training)), 1),
            training);
    }

    /** The refined stages in order, and the training heads' maps ({@code null} unless asked for). */
    record Output(List<DirStage> stages, NDArray seg, NDArray dense) {
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        throw new UnsupportedOperationException("FusionDecoder runs through run()");
    }
}
