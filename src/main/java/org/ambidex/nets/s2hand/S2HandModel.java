package org.ambidex.nets.s2hand;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.djl.nn.Parameter;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Predicate;
import org.ambidex.hand.HandModel;
import org.ambidex.hand.HandSide;
import org.ambidex.io.NdArray;
import org.ambidex.nets.NativeLog;
import org.ambidex.nets.StateEntry;
import org.ambidex.nets.WeightImport;

/**
 * S2HAND with its weights in native memory and its MANO layer, ready for inference as the reference's
 * {@code Model.predict_singleview} runs it (batch norm in evaluation mode, no gradients). Owns its
 * {@link NDManager}: close it when done.
 */
public final class S2HandModel implements AutoCloseable {

    /** How messages name the architecture. */
    public static final String DESCRIPTION = "S2HAND (EfficientNet-B3, MANO 30 PCA, texture and light)";

    private final NDManager manager;
    private final S2HandNet net;
    private final S2HandMano mano;
    private final String source;
    private final boolean heatmapWeights;

    private S2HandModel(HandModel rightHand, String source, boolean heatmapWeights) {
        NativeLog.apply();
        if (rightHand.side() != HandSide.RIGHT) {
            throw new IllegalArgumentException("S2HAND uses the right MANO model, got " + rightHand);
        }
        this.manager = NDManager.newBaseManager();
        this.net = new S2HandNet();
        this.source = source;
        this.heatmapWeights = heatmapWeights;
        net.initializeParameters(manager);
        this.mano = new S2HandMano(rightHand, manager);
    }

    /**
     * The network of {@code checkpoint} with the MANO model {@code rightHand}. Every name and shape of the encoder,
     * decoder and texture head must match, and of the heat-map branch {@code rgb2hm} when the file has it;
     * otherwise the file is bad input listing the tensors that do not fit. A file without {@code rgb2hm} (the
     * reference's 3-D-only stages write none) leaves the branch at the seeded initialisation of
     * {@link #initialised} (seed 0), ready to be trained; {@link #hasHeatmapWeights} says which.
     */
    public static S2HandModel fromCheckpoint(S2HandCheckpoint checkpoint, HandModel rightHand) {
        checkpoint.requireSupportedArgs();
        boolean heatmaps = checkpoint.hasHeatmapBranch();
        S2HandModel model = new S2HandModel(rightHand, checkpoint.source().toString(), heatmaps);
        try {
            WeightImport.load(model.net, checkpoint.weights(), DESCRIPTION,
                name -> WeightImport.isCounter(name) || !heatmaps && S2HandCheckpoint.isHeatmapBranch(name),
                name -> false);
            if (!heatmaps) {
                model.randomise(new SplittableRandom(0), S2HandCheckpoint::isHeatmapBranch);
            }
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
        return model;
    }

    /**
     * A network with seeded random weights (convolution and linear weights normal with variance 1 / fan-in, biases
     * zero, batch norm at its identity), for speed measurements and training from scratch. As the reference
     * initialises them, the scale and translation heads start near 0.95 and (0, 0, 0.65) m (weights N(0, 0.001)),
     * so the hand starts in front of the camera.
     */
    public static S2HandModel initialised(HandModel rightHand, long seed) {
        S2HandModel model = new S2HandModel(rightHand, "initialised (seed " + seed + ")", true);
        model.randomise(new SplittableRandom(seed), name -> true);
        Map<String, StateEntry> entries = model.net.stateEntries();
        entries.get("decoder.hand_decode.scale_reg.3.bias").write(NdArray.ofFloats(new int[] {1}, 0.95f));
        entries.get("decoder.hand_decode.trans_reg.3.bias").write(NdArray.ofFloats(new int[] {3}, 0, 0, 0.65f));
        return model;
    }

    /** Draws the weights {@code names} accepts from {@code random}, in state-dict order (see {@link #initialised}). */
    private void randomise(SplittableRandom random, Predicate<String> names) {
        net.stateEntries().forEach((name, entry) -> {
            if (names.test(name) && entry instanceof StateEntry.ParameterEntry p
                && p.parameter().getType() == Parameter.Type.WEIGHT) {
                int[] shape = entry.shape();
                int fanIn = 1;
                for (int i = 1; i < shape.length; i++) {
                    fanIn *= shape[i];
                }
                boolean placement = name.contains(".scale_reg.") || name.contains(".trans_reg.");
                float[] v = new float[Math.toIntExact(p.parameter().getArray().size())];
                double std = placement ? 0.001 : 1 / Math.sqrt(fanIn);
                for (int i = 0; i < v.length; i++) {
                    v[i] = (float) (random.nextGaussian() * std);
                }
                p.parameter().getArray().set(FloatBuffer.wrap(v));
            }
        });
    }

    /**
     * Whether the heat-map branch holds weights worth running: a fresh network's or a checkpoint's {@code rgb2hm}
     * (false when the checkpoint had none and the branch only has its starting values).
     */
    public boolean hasHeatmapWeights() {
        return heatmapWeights;
    }

    public S2HandNet network() {
        return net;
    }

    public S2HandMano mano() {
        return mano;
    }

    public NDManager manager() {
        return manager;
    }

    /** Where the weights came from. */
    public String source() {
        return source;
    }

    /**
     * Runs the network on {@code batch} images.
     *
     * @param chw {@code batch x 3 x 224 x 224} floats: RGB in [0, 1], planar, image after image
     */
    public List<S2HandPrediction> predict(float[] chw, int batch) {
        int side = S2HandNet.INPUT_SIZE;
        if (chw.length != batch * 3 * side * side) {
            throw new IllegalArgumentException("expected " + batch + " x 3 x 224 x 224 floats, got " + chw.length);
        }
        try (NDScope ignored = new NDScope(); NDManager scope = manager.newSubManager()) {
            NDArray x = scope.create(chw, new Shape(batch, 3, side, side));
            NDList out = net.forward(new ParameterStore(scope, false), new NDList(x), false, null);
            NDArray pose = out.get(0);
            NDArray trans = out.get(2);
            NDArray rot = out.get(3);
            NDArray scale = out.get(4);
            NDList hand = mano.forward(pose, rot, scale, trans);
            float[] joints = hand.get(0).toFloatArray();
            float[] vertices = hand.get(1).toFloatArray();
            float[] poses = pose.toFloatArray();
            float[] rots = rot.toFloatArray();
            float[] scales = scale.toFloatArray();
            float[] transl = trans.toFloatArray();
            float[] textures = out.get(5).toFloatArray();
            float[] lights = out.get(6).toFloatArray();
            int nj = 21 * 3;
            int nv = mano.model().vertexCount() * 3;
            int np = PoseHandHead.PCA_COMPONENTS;
            int nt = TextureLightHead.FACES * 3;
            int nl = TextureLightHead.LIGHTS;
            List<S2HandPrediction> result = new ArrayList<>(batch);
            for (int b = 0; b < batch; b++) {
                result.add(new S2HandPrediction(doubles(joints, b * nj, nj), doubles(vertices, b * nv, nv),
                    Arrays.copyOfRange(poses, b * np, (b + 1) * np), doubles(rots, b * 3, 3), scales[b],
                    doubles(transl, b * 3, 3), Arrays.copyOfRange(textures, b * nt, (b + 1) * nt),
                    Arrays.copyOfRange(lights, b * nl, (b + 1) * nl)));
            }
            return result;
        }
    }

    /**
     * Runs the heat-map branch on {@code batch} images (arguments as {@link #predict}).
     *
     * @throws IllegalStateException when the branch has no weights ({@link #hasHeatmapWeights})
     */
    public List<S2HandHeatmaps> heatMaps(float[] chw, int batch) {
        if (!heatmapWeights) {
            throw new IllegalStateException(source + " has no heat-map branch (rgb2hm)");
        }
        int side = S2HandNet.INPUT_SIZE;
        if (chw.length != batch * 3 * side * side) {
            throw new IllegalArgumentException("expected " + batch + " x 3 x 224 x 224 floats, got " + chw.length);
        }
        try (NDScope ignored = new NDScope(); NDManager scope = manager.newSubManager()) {
            NDArray x = scope.create(chw, new Shape(batch, 3, side, side));
            NDList out = net.heatMaps(new ParameterStore(scope, false), x, false);
            int stages = S2HandHeatmapNet.STAGES;
            int mapFloats = S2HandHeatmapNet.JOINTS * S2HandHeatmapNet.MAP_SIZE * S2HandHeatmapNet.MAP_SIZE;
            int jointFloats = S2HandHeatmapNet.JOINTS * 2;
            float[][] maps = new float[stages][];
            float[][] joints = new float[stages][];
            for (int s = 0; s < stages; s++) {
                maps[s] = out.get(s).toFloatArray();
                joints[s] = out.get(stages + s).toFloatArray();
            }
            List<S2HandHeatmaps> result = new ArrayList<>(batch);
            for (int b = 0; b < batch; b++) {
                float[] m = new float[stages * mapFloats];
                double[] j = new double[stages * jointFloats];
                for (int s = 0; s < stages; s++) {
                    System.arraycopy(maps[s], b * mapFloats, m, s * mapFloats, mapFloats);
                    System.arraycopy(doubles(joints[s], b * jointFloats, jointFloats), 0, j, s * jointFloats,
                        jointFloats);
                }
                result.add(new S2HandHeatmaps(m, j));
            }
            return result;
        }
    }

    private static double[] doubles(float[] a, int from, int n) {
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = a[from + i];
        }
        return out;
    }

    @Override
    public void close() {
        mano.close();
        manager.close();
    }
}
