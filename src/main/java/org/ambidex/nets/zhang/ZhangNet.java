package org.ambidex.nets.zhang;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.ambidex.nets.HeatmapArgmax;
import org.ambidex.nets.InterNet;
import org.ambidex.nets.InterNetConfig;
import org.ambidex.nets.TorchModule;

/**
 * The whole network of Zhang et al. v2 (the reference's {@code Model}): {@code heatmap_predictor} = ambidex's
 * {@link InterNet} (the published configuration), {@code mesh_reg} = {@link MeshReg}.
 *
 * <p>Input {@code (B, 3, 256, 256)} RGB divided by 255. v2 gives InterNet that and the mesh branch its ImageNet
 * normalisation; v1 gives the mesh branch {@code x = RGB / 255 - 0.5} and InterNet {@code x + 0.5}. The heat maps {@code (B, 42, 64, 64, 64)} are down-sampled
 * ({@code [:, :, ::4, ::2, ::2]}) for the mesh ResNet, decoded by hard argmax into {@code xyc}, and reduced to one
 * attention map per hand (channel maximum over the hand's 21 x 64 slices, then nearest 64 -> 8, i.e. every eighth
 * cell). Output, by {@link #index}, the {@link MeshReg} outputs followed by {@code xyc (B, 42, 3)} and InterNet's
 * hand-type probabilities {@code (B, 2)}, which the reference computes and does not use.
 */
public final class ZhangNet extends TorchModule {

    private static final float[] MEAN = {0.485f, 0.456f, 0.406f};
    private static final float[] STD = {0.229f, 0.224f, 0.225f};
    /** Depth and spatial steps of the heat-map down-sampling. */
    private static final int DEPTH_STEP = 4;
    private static final int SPATIAL_STEP = 2;
    /** Side of layer4's feature map the attention is taken to. */
    private static final int ATTENTION_SIZE = 8;

    private final ZhangVariant variant;
    private final MeshReg meshReg;
    private final InterNet interNet;
    private final InterNetConfig config = InterNetConfig.DEFAULT;

    public ZhangNet(ZhangVariant variant) {
        this.variant = variant;
        // Declaration order as the reference's (mesh_reg first), which is the state-dict order.
        int joints = 2 * config.jointsPerHand();
        meshReg = child("mesh_reg", new MeshReg(joints * config.depthBins() / DEPTH_STEP, variant));
        interNet = child("heatmap_predictor", new InterNet(config));
    }

    public ZhangVariant variant() {
        return variant;
    }

    /** The embedded InterNet ({@code heatmap_predictor}). */
    public InterNet interNet() {
        return interNet;
    }

    MeshReg meshReg() {
        return meshReg;
    }

    /** Where the final stage's {@code what} of hand {@code h} is in the output (see {@link MeshReg#index}). */
    static int index(int stage, int h, int what) {
        return MeshReg.index(stage, h, what);
    }

    /** Where {@code xyc} is in the output. */
    static int xycIndex() {
        return MeshReg.index(MeshReg.STAGES + 1, 0, 0);
    }

    /** Where InterNet's hand-type probabilities {@code (B, 2)} (right, left) are in the output. */
    static int handTypeIndex() {
        return xycIndex() + 1;
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray image = inputs.singletonOrThrow();
        NDManager m = image.getManager();
        long b = image.getShape().get(0);
        // InterNet is the heat-map predictor here; the reference trains it along (its BatchNorm included).
        // v1 computes its mesh input first (RGB / 255 - 0.5) and gives InterNet that plus 0.5, as its reference.
        NDArray centred = variant == ZhangVariant.V1 ? image.sub(0.5f) : null;
        NDList heatmapOutputs = interNet.forward(store, variant == ZhangVariant.V1 ? new NDList(centred.add(0.5f))
            : inputs, training, params);
        // Training updates the mesh branch only (the reference's Adam holds mesh_reg's parameters): InterNet's
        // gradients would be computed and never used, so the heat maps enter the mesh branch as constants. Its
        // BatchNorm still runs in training mode, on batch statistics, updating its running ones, as the reference's.
        NDArray heat = training ? heatmapOutputs.get(0).stopGradient() : heatmapOutputs.get(0);
        long joints = heat.getShape().get(1);
        int side = Math.toIntExact(heat.getShape().get(3));
        NDArray small = heat.get(":, :, ::" + DEPTH_STEP + ", ::" + SPATIAL_STEP + ", ::" + SPATIAL_STEP)
            .reshape(b, -1, side / SPATIAL_STEP, side / SPATIAL_STEP);
        // The maximum over depth first, in the engine: the argmax needs only (x, y) and the value, and the copy to
        // Java shrinks 64 times. The attention's maximum over a hand's joints and depths is the same values' maximum.
        NDArray planes = heat.max(new int[] {2}); // (B, 42, 64, 64)
        NDArray xyc = m.create(argmax(planes.toFloatArray(), (int) b, (int) joints, side)).reshape(b, joints, 3);
        int step = side / ATTENTION_SIZE;
        NDArray attention = planes.reshape(b, 2, -1, side, side).max(new int[] {2})
            .get(":, :, ::" + step + ", ::" + step);
        NDArray normalised = variant == ZhangVariant.V1 ? centred
            : image.sub(m.create(MEAN).reshape(1, 3, 1, 1)).div(m.create(STD).reshape(1, 3, 1, 1));
        NDList out = meshReg.forward(store, new NDList(normalised, small, xyc, attention), training, params);
        out.add(xyc);
        out.add(heatmapOutputs.get(2));
        return out;
    }

    /**
     * {@code (x, y, maximum)} per joint from the per-joint maxima over depth {@code (side x side)}, as the
     * reference's nested {@code torch.max} gives them (ties to the smallest x, then the smallest y).
     */
    private static float[] argmax(float[] planes, int batch, int joints, int side) {
        float[] xyc = new float[batch * joints * 3];
        double[] xyz = new double[3 * joints];
        float[] scores = new float[joints];
        int perImage = joints * side * side;
        for (int i = 0; i < batch; i++) {
            HeatmapArgmax.decode(planes, i * perImage, joints, 1, side, side, xyz, scores);
            for (int j = 0; j < joints; j++) {
                int o = (i * joints + j) * 3;
                xyc[o] = (float) xyz[3 * j];
                xyc[o + 1] = (float) xyz[3 * j + 1];
                xyc[o + 2] = scores[j];
            }
        }
        return xyc;
    }
}
