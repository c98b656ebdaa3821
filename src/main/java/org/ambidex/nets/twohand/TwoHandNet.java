package org.ambidex.nets.twohand;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.ambidex.nets.BatchNorm2d;
import org.ambidex.nets.Conv2d;
import org.ambidex.nets.Functional;
import org.ambidex.nets.Linear;
import org.ambidex.nets.ResNet;
import org.ambidex.nets.Sequential;
import org.ambidex.nets.TorchModule;
import org.ambidex.tensor.Scalars;

/**
 * The default two-hand mesh network. Input: normalised crops (B,3,S,S) ({@link TwoHandConfig} says S and the
 * normalisation). Steps:
 * <ol>
 *   <li>{@code backbone}: a torchvision-layout ResNet (stride 32) giving features F (B,C,S/32,S/32);</li>
 *   <li>{@code heatmaps}: a {@link JointHeatmapHead} on layer2..layer4 giving the neck map N (stride 8) and each
 *       hand's 2.5-D joints (image position and depth relative to the wrist);</li>
 *   <li>{@code attention}: Conv3x3 + BatchNorm + ReLU + Conv1x1 to two maps and a sigmoid, one spatial attention
 *       per hand (DIR's InitRegressor, Zhang et al.'s hand-aware pooling); each hand's feature is the
 *       attention-weighted mean of F;</li>
 *   <li>{@code init_right}, {@code init_left}: MLPs (Linear, ReLU, Linear) from the hand's pooled feature and its
 *       2.5-D joints to 64 values added to {@link HandVector#mean()};
 *       {@code presence}: Linear 3C to 2 logits; {@code offset}: Linear 3C to the left-minus-right wrist
 *       placement (in units of {@value #PLACEMENT_UNIT} m), all from [global mean, right, left] features;</li>
 *   <li>{@code refine.k}: {@link RefineStage}s, each a residual update from the neck features under the previous
 *       stage's projected joints;</li>
 *   <li>every stage's vectors are decoded by the hand layer ({@link TwoHandDecoder}).</li>
 * </ol>
 * The backbone and the dense head are trained by the dense head's loss and the presence loss only (presence
 * reads the global mean of F undetached); everything else after them reads their outputs detached.
 */
public final class TwoHandNet extends TorchModule {

    /** Inputs per hand taken from the dense estimate: 21 joints' (u, v) and 21 depths. */
    static final int JOINT_INPUTS = 21 * 3;
    /** Metres per unit of the placement regressors' output. */
    public static final float PLACEMENT_UNIT = 0.1f;
    private static final float ATTENTION_EPS = 1e-6f;

    private final TwoHandConfig config;
    private final TwoHandDecoder decoder;
    private final ResNet backbone;
    private final JointHeatmapHead heatmaps;
    private final Sequential attention;
    private final Sequential[] init = new Sequential[2];
    private final Linear presence;
    private final Linear offset;
    private final List<RefineStage> stages = new ArrayList<>();
    private final float[] mean = HandVector.mean();

    /** A network of {@code config} whose hands are decoded by {@code decoder} (not closed by the network). */
    public TwoHandNet(TwoHandConfig config, TwoHandDecoder decoder) {
        this.config = Objects.requireNonNull(config, "config");
        this.decoder = Objects.requireNonNull(decoder, "decoder");
        int c = config.featureChannels();
        backbone = child("backbone", new ResNet(config.resnetDepth(), config.resnetBase()));
        heatmaps = child("heatmaps", new JointHeatmapHead(new int[] {c / 4, c / 2, c})); // layer2..layer4
        attention = child("attention", new Sequential(new Conv2d(c, c / 2, 3, 1, 1, false), new BatchNorm2d(c / 2),
            Functional.relu(), new Conv2d(c / 2, 2, 1, 1, 0, true)));
        String[] names = {"right", "left"};
        for (int h = 0; h < 2; h++) {
            init[h] = child("init_" + names[h], new Sequential(new Linear(c + JOINT_INPUTS, config.hidden()),
                Functional.relu(), new Linear(config.hidden(), HandVector.SIZE)));
        }
        presence = child("presence", new Linear(3 * c, 2));
        offset = child("offset", new Linear(3 * c, 3));
        Block[] refine = new Block[config.stages()];
        for (int k = 0; k < config.stages(); k++) {
            RefineStage stage = new RefineStage(c, JointHeatmapHead.CHANNELS, config.jointChannels(),
                config.hidden());
            stages.add(stage);
            refine[k] = stage;
        }
        child("refine", new Sequential(refine));
    }

    public TwoHandConfig config() {
        return config;
    }

    public TwoHandDecoder decoder() {
        return decoder;
    }

    /** Runs the network on normalised crops (B,3,S,S). */
    public TwoHandOutput run(ParameterStore store, NDArray images, boolean training) {
        PairList<String, Object> params = null;
        long b = images.getShape().get(0);
        NDList levels = backbone.pyramid(store, images, training);
        JointHeatmapHead.Result dense = heatmaps.run(store, levels, training);
        // The backbone learns from the dense head alone: the regressors' losses (root rotation above all) stay
        // near the constant predictor's for thousands of steps and, flowing back, drown the dense signal.
        NDArray features = levels.get(3).stopGradient();
        NDArray presenceFeatures = meanOverCells(levels.get(3)); // presence is the exception: an easy, steady signal
        NDArray neck = dense.neck().stopGradient();
        NDArray[] joints = new NDArray[2];
        for (int h = 0; h < 2; h++) {
            // the regressors read the dense estimate as given; the head learns from its own loss alone
            joints[h] = NDArrays.concat(new NDList(dense.uv().get(":, " + h + ", :, :").reshape(b, 42),
                dense.depth().get(":, " + h + ", :")), 1).stopGradient();
        }
        NDArray maps = Activation.sigmoid(attention.forward(store, new NDList(features), training, params)
            .singletonOrThrow()); // (B,2,H,W)
        NDArray global = meanOverCells(features);
        NDArray[] pooled = new NDArray[2];
        for (int h = 0; h < 2; h++) {
            NDArray a = maps.get(":, " + h + ":" + (h + 1) + ", :, :");
            pooled[h] = features.mul(a).sum(new int[] {2, 3}).div(a.sum(new int[] {2, 3}).add(ATTENTION_EPS));
        }
        NDArray all = NDArrays.concat(new NDList(global, pooled[0], pooled[1]), 1);
        NDArray meanVector = images.getManager().create(mean);
        NDList first = new NDList();
        for (int h = 0; h < 2; h++) {
            NDArray in = NDArrays.concat(new NDList(pooled[h], joints[h]), 1);
            first.add(init[h].forward(store, new NDList(in), training, params).singletonOrThrow().add(meanVector));
        }
        java.lang.ref.Reference.reachabilityFence(meanVector); // wraps a Java buffer (see TwoHandModel.predict)
        NDArray vectors = NDArrays.stack(first, 1);
        NDArray placement = offset.forward(store, new NDList(all), training, params).singletonOrThrow();
        placement = Scalars.mul(placement, (float) PLACEMENT_UNIT);
        NDArray presenceIn = NDArrays.concat(new NDList(presenceFeatures, pooled[0], pooled[1]), 1);
        NDArray logits = presence.forward(store, new NDList(presenceIn), training, params).singletonOrThrow();

        List<NDArray> allVectors = new ArrayList<>();
        List<DecodedHand[]> allHands = new ArrayList<>();
        List<NDArray> allOffsets = new ArrayList<>();
        DecodedHand[] hands = decode(vectors);
        allVectors.add(vectors);
        allHands.add(hands);
        allOffsets.add(placement);
        for (RefineStage stage : stages) {
            NDList next = stage.refine(store, training, params, neck, joints, pooled, global, vectors,
                new NDArray[] {hands[0].uv(), hands[1].uv()}, placement);
            vectors = next.get(0);
            placement = next.get(1);
            hands = decode(vectors);
            allVectors.add(vectors);
            allHands.add(hands);
            allOffsets.add(placement);
        }
        if (b != vectors.getShape().get(0)) {
            throw new IllegalStateException("batch size changed inside the network");
        }
        return new TwoHandOutput(allVectors, allHands, allOffsets, logits, dense.uv(), dense.depth(),
            dense.logProb(), dense.depthMaps());
    }

    private static NDArray meanOverCells(NDArray map) {
        return Scalars.div(map.sum(new int[] {2, 3}), (float) (map.getShape().get(2) * map.getShape().get(3)));
    }

    private DecodedHand[] decode(NDArray vectors) {
        return new DecodedHand[] {decoder.decode(0, vectors.get(":, 0, :")), decoder.decode(1, vectors.get(":, 1, :"))};
    }

    /** Outputs: the last stage's vectors (B,2,64), the presence logits (B,2) and the placement (B,3). */
    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        TwoHandOutput out = run(store, inputs.singletonOrThrow(), training);
        return new NDList(out.vectors().get(out.stageCount() - 1), out.presenceLogits(), out.offset());
    }
}
