package org.ambidex.nets.dir;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.ambidex.io.NdArray;
import org.ambidex.io.torch.Checkpoints;
import org.ambidex.io.torch.StateDict;
import org.ambidex.nets.NativeLog;
import org.ambidex.nets.WeightImport;

/**
 * A {@link DirNet} with its weights (and MANO data) in native memory. Owns its {@link NDManager}: close it.
 */
public final class DirModel implements AutoCloseable {

    private final NDManager manager;
    private final DirNet net;
    private final String source;
    private final DirWeights.Report report;

    private DirModel(DirConfig config, String source, StateDict weights) {
        NativeLog.apply(); // before the weights are first written, when libtorch would warn
        this.manager = NDManager.newBaseManager();
        this.manager.setName("dir-model");
        this.net = new DirNet(config);
        this.source = source;
        try {
            net.initializeParameters(manager);
            net.resetBuffers();
            this.report = weights == null ? null : DirWeights.load(net, weights);
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    /**
     * Reads DIR's checkpoint as the reference's evaluation does ({@code torch.load(...)['net']}, loaded with
     * {@code strict=False}; see {@link DirWeights}); a bare state dict is accepted too. Tensors saved on a GPU
     * load on the CPU.
     */
    public static DirModel load(Path file) {
        StateDict root = Checkpoints.read(file);
        StateDict weights = root.find("net").orElseGet(root::weights);
        return new DirModel(DirConfig.PUBLISHED, file.toString(), weights);
    }

    /**
     * A network of {@code config} with every tensor at its construction value (zeros; ones for normalisation
     * scales and variances) and the decoder's cell grids written: the start for an initialisation or a partial
     * load.
     */
    public static DirModel untrained(DirConfig config) {
        return new DirModel(config, "untrained", null);
    }

    /** As {@link #load}, for a network of other widths (tests). */
    public static DirModel load(Path file, DirConfig config) {
        StateDict root = Checkpoints.read(file);
        return new DirModel(config, file.toString(), root.find("net").orElseGet(root::weights));
    }

    public DirNet network() {
        return net;
    }

    public NDManager manager() {
        return manager;
    }

    /** Where the weights came from. */
    public String source() {
        return source;
    }

    /** What loading found (unused tensors, entries kept as built), or {@code null} for {@link #untrained}. */
    public DirWeights.Report loadReport() {
        return report;
    }

    /**
     * The state dict in the reference's layout ({@code model.state_dict()}): the MANO faces as int64, as manopth
     * registers them.
     */
    public Map<String, NdArray> stateDict() {
        Map<String, NdArray> out = new LinkedHashMap<>();
        WeightImport.export(net).forEach((k, v) -> out.put(k, k.endsWith(".th_faces") ? asLongs(v) : v));
        return out;
    }

    private static NdArray asLongs(NdArray v) {
        float[] f = v.toFloatArray();
        long[] l = new long[f.length];
        for (int i = 0; i < f.length; i++) {
            l[i] = Math.round(f[i]);
        }
        return NdArray.ofLongs(v.shape(), l);
    }

    /** The faces of hand {@code hand} (0 right, 1 left) as the final stage's MANO layer holds them. */
    public int[] faces(int hand) {
        return net.finalLayer(hand).faces();
    }

    /** The 45 x 45 PCA basis of hand {@code hand}'s final MANO layer, row-major. */
    public float[] components(int hand) {
        return net.finalLayer(hand).selectedComponents();
    }

    /**
     * Runs the network in evaluation mode on {@code batch} normalised crops ({@code batch x 3 x 256 x 256}
     * floats, planar, image after image).
     */
    public List<DirPrediction> predict(float[] chw, int batch) {
        int s = DirConfig.INPUT_SIZE;
        if (chw.length != (long) batch * 3 * s * s) {
            throw new IllegalArgumentException("expected " + batch + " x 3 x " + s + " x " + s + " values, got "
                + chw.length);
        }
        try (NDScope ignored = new NDScope(); NDManager scope = manager.newSubManager()) {
            NDArray images = scope.create(chw, new Shape(batch, 3, s, s));
            DirStage last = net.run(new ParameterStore(scope, false), images, false, false).last();
            java.lang.ref.Reference.reachabilityFence(images);
            DirHand[] hands = {last.right(), last.left()};
            float[][] v = new float[2][];
            float[][] j = new float[2][];
            float[][] uv = new float[2][];
            float[][] p = new float[2][];
            float[][] wr = new float[2][];
            for (int h = 0; h < 2; h++) {
                v[h] = hands[h].vertices().toFloatArray();
                j[h] = hands[h].joints().toFloatArray();
                uv[h] = hands[h].jointUv().toFloatArray();
                p[h] = hands[h].parameters().toFloatArray();
                wr[h] = hands[h].wrist().toFloatArray();
            }
            float[] offset = last.offset().toFloatArray();
            List<DirPrediction> out = new ArrayList<>(batch);
            int nv = ManoPcaLayer.VERTICES * 3;
            for (int i = 0; i < batch; i++) {
                double[][] vv = new double[2][];
                double[][] jj = new double[2][];
                double[][] px = new double[2][];
                double[][] par = new double[2][];
                double[][] wrist = new double[2][];
                for (int h = 0; h < 2; h++) {
                    vv[h] = slice(v[h], i * nv, nv, 1, 0);
                    jj[h] = slice(j[h], i * 63, 63, 1, 0);
                    px[h] = slice(uv[h], i * 42, 42, s / 2.0, s / 2.0);
                    par[h] = slice(p[h], i * DirHand.SIZE, DirHand.SIZE, 1, 0);
                    wrist[h] = slice(wr[h], i * 3, 3, 1, 0);
                }
                out.add(new DirPrediction(vv, jj, px, par, wrist, slice(offset, i * 3, 3, DirNet.OFFSET_UNIT, 0)));
            }
            return out;
        }
    }

    private static double[] slice(float[] a, int from, int n, double scale, double shift) {
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            d[i] = a[from + i] * scale + shift;
        }
        return d;
    }

    @Override
    public void close() {
        manager.close();
    }

    @Override
    public String toString() {
        return "DirModel(" + net.config() + ", " + Objects.toString(source) + ")";
    }
}
