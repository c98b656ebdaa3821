package org.ambidex.nets.zhang;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.ambidex.core.BadInputException;
import org.ambidex.io.torch.Checkpoints;
import org.ambidex.io.torch.StateDict;
import org.ambidex.nets.InterNetModel;
import org.ambidex.nets.NativeLog;
import org.ambidex.nets.WeightImport;

/**
 * A {@link ZhangNet} with its weights (MANO data included) in native memory, for inference. Owns its
 * {@link NDManager}: close it when done.
 */
public final class ZhangModel implements AutoCloseable {

    /** What the published v2 snapshot is, for messages. */
    public static final String DESCRIPTION = "Zhang et al. v2 (snapshot_99.pth.tar layout)";
    /** What the published v1 model is, for messages. */
    public static final String DESCRIPTION_V1 = "Zhang et al. v1 (model.pts layout)";
    /** Input side, pixels. */
    public static final int INPUT_SIZE = 256;

    private final NDManager manager;
    private final ZhangNet net;
    private final String source;

    private ZhangModel(ZhangVariant variant, String source) {
        NativeLog.apply(); // before the weights are first written, when libtorch would warn
        this.manager = NDManager.newBaseManager();
        this.manager.setName("zhang-model");
        this.net = new ZhangNet(variant);
        this.source = source;
        net.initializeParameters(manager);
    }

    /**
     * Reads a v2 snapshot as the reference's {@code demo.py} does: the {@code network} dictionary without
     * DataParallel's {@code module.} prefix, loaded strictly. Storages saved on a GPU load on the CPU.
     *
     * @throws BadInputException when the file is not such a snapshot, listing the missing, unexpected and wrongly
     *     shaped tensors in one line
     */
    public static ZhangModel fromCheckpoint(Path file) {
        return fromWeights(InterNetModel.networkWeights(Checkpoints.read(file)), file.toString());
    }

    /** Builds the model from a state dict (names without {@code module.}), strictly as {@link #fromCheckpoint}. */
    public static ZhangModel fromWeights(StateDict weights, String source) {
        ZhangModel model = new ZhangModel(ZhangVariant.V2, source);
        try {
            WeightImport.load(model.net, weights, DESCRIPTION, name -> false);
            for (int h = 0; h < 2; h++) {
                String fault = ((SmplxMano) model.net.meshReg().mano(h)).treeFault();
                if (fault != null) {
                    throw new BadInputException(weights.source(), "is not a checkpoint of " + DESCRIPTION
                        + ": mesh_reg.mano_layer." + (h == 0 ? "r" : "l") + ".parents: " + fault);
                }
            }
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
        return model;
    }

    /**
     * Reads a v1 {@code model.pts} (a bare state dict, as v1's {@code test.py} loads it): every tensor of the model
     * must be there with its shape, tensors the model does not have are ignored as {@code test.py} ignores them.
     * Where {@code test.py} would silently keep random values for tensors the file lacks, this refuses the file,
     * listing them.
     */
    public static ZhangModel fromV1Checkpoint(Path file) {
        return fromV1Weights(Checkpoints.read(file).weights(), file.toString());
    }

    /** Builds the v1 model from a state dict, as {@link #fromV1Checkpoint}. */
    public static ZhangModel fromV1Weights(StateDict weights, String source) {
        ZhangModel model = new ZhangModel(ZhangVariant.V1, source);
        try {
            WeightImport.load(model.net, weights, DESCRIPTION_V1, name -> true);
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
        return model;
    }

    /** v2 or v1. */
    public ZhangVariant variant() {
        return net.variant();
    }

    /**
     * A model with random weights drawn from {@code seed} (He-normal convolutions, small values elsewhere, every MANO
     * joint a child of the wrist): for benchmarks, whose speed does not depend on the values.
     */
    public static ZhangModel random(ZhangVariant variant, long seed) {
        ZhangModel model = new ZhangModel(variant, "random (seed " + seed + ")");
        java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
        model.net.stateEntries().forEach((name, entry) -> {
            if (entry instanceof org.ambidex.nets.StateEntry.ParameterEntry p) {
                int[] shape = entry.shape();
                double std = shape.length == 4 ? Math.sqrt(1.0 / (shape[1] * shape[2] * shape[3])) : 0.01;
                float[] v = new float[Math.toIntExact(p.parameter().getArray().size())];
                for (int i = 0; i < v.length; i++) {
                    v[i] = (float) (random.nextGaussian() * std);
                }
                if (name.endsWith("running_var")) {
                    java.util.Arrays.fill(v, 1f);
                }
                p.parameter().getArray().set(java.nio.FloatBuffer.wrap(v));
            }
        });
        return model;
    }

    /** A model with every weight zero (BatchNorm scale and variance one) and no MANO data: for tests and training. */
    static ZhangModel blank(ZhangVariant variant, String source) {
        return new ZhangModel(variant, source);
    }

    /**
     * A v2 model with every weight zero (BatchNorm scale and variance one) and no MANO data, for training to fill
     * ({@code train.zhang}); {@code source} says where its weights will come from.
     */
    public static ZhangModel untrained(String source) {
        return new ZhangModel(ZhangVariant.V2, source);
    }

    public ZhangNet network() {
        return net;
    }

    public NDManager manager() {
        return manager;
    }

    /** Where the weights came from. */
    public String source() {
        return source;
    }

    /** The triangles of hand {@code h} (0 right, 1 left), {@code 1538 x 3} vertex indices. */
    public int[] faces(int h) {
        return net.meshReg().mano(h) instanceof SmplxMano s ? s.faces() : ((ManopthMano) net.meshReg().mano(h)).faces();
    }

    /**
     * The translation hand {@code h}'s MANO layer adds (metres): v2's stored {@code transl}; zero for v1, whose
     * layer centres the hand on its middle MCP instead.
     */
    public double[] storedTranslation(int h) {
        if (!(net.meshReg().mano(h) instanceof SmplxMano s)) {
            return new double[3];
        }
        float[] t = s.translation().toFloatArray();
        return new double[] {t[0], t[1], t[2]};
    }

    /**
     * Runs the network on {@code batch} images.
     *
     * @param chw {@code batch x 3 x 256 x 256} floats: RGB divided by 255, planar, image after image
     */
    public List<ZhangPrediction> predict(float[] chw, int batch) {
        if (chw.length != batch * 3 * INPUT_SIZE * INPUT_SIZE) {
            throw new IllegalArgumentException("expected " + batch + " x 3 x 256 x 256 floats, got " + chw.length);
        }
        int last = MeshReg.STAGES;
        try (NDScope ignored = new NDScope(); NDManager scope = manager.newSubManager()) {
            NDArray x = scope.create(chw, new Shape(batch, 3, INPUT_SIZE, INPUT_SIZE));
            NDList out = net.forward(new ParameterStore(scope, false), new NDList(x), false, null);
            float[] placement = out.get(0).toFloatArray();
            float[][][] parts = new float[2][4][];
            for (int h = 0; h < 2; h++) {
                for (int what = 0; what < 4; what++) {
                    parts[h][what] = out.get(ZhangNet.index(last, h, what)).toFloatArray();
                }
            }
            float[] xyc = out.get(ZhangNet.xycIndex()).toFloatArray();
            float[] handType = out.get(ZhangNet.handTypeIndex()).toFloatArray();
            List<ZhangPrediction> result = new ArrayList<>(batch);
            for (int i = 0; i < batch; i++) {
                result.add(prediction(parts, placement, xyc, handType, i));
            }
            return result;
        }
    }

    private static ZhangPrediction prediction(float[][][] parts, float[] placement, float[] xyc, float[] handType,
                                              int i) {
        int v = SmplxMano.VERTICES * 3;
        int j = 21 * 3;
        double[] joints = new double[2 * j];
        double[] vertices = new double[2 * v];
        double[][] pose = new double[2][ManoBranch.POSE];
        double[][] shape = new double[2][ManoBranch.SHAPE];
        for (int h = 0; h < 2; h++) {
            copy(parts[h][MeshReg.JOINTS], i * j, joints, h * j, j);
            copy(parts[h][MeshReg.VERTS], i * v, vertices, h * v, v);
            copy(parts[h][MeshReg.POSE], i * ManoBranch.POSE, pose[h], 0, ManoBranch.POSE);
            copy(parts[h][MeshReg.SHAPE], i * ManoBranch.SHAPE, shape[h], 0, ManoBranch.SHAPE);
        }
        double[] place = new double[4];
        copy(placement, 4 * i, place, 0, 4);
        double[] xy = new double[42 * 2];
        double[] max = new double[42];
        for (int k = 0; k < 42; k++) {
            int o = (i * 42 + k) * 3;
            xy[2 * k] = xyc[o];
            xy[2 * k + 1] = xyc[o + 1];
            max[k] = xyc[o + 2];
        }
        return new ZhangPrediction(joints, vertices, place, pose, shape, xy, max,
            new double[] {handType[2 * i], handType[2 * i + 1]});
    }

    private static void copy(float[] from, int offset, double[] to, int at, int n) {
        for (int k = 0; k < n; k++) {
            to[at + k] = from[offset + k];
        }
    }

    @Override
    public void close() {
        manager.close();
    }
}
