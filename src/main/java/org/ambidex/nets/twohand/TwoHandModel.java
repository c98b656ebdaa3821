package org.ambidex.nets.twohand;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import org.ambidex.core.BadInputException;
import org.ambidex.hand.HandModel;
import org.ambidex.io.NdArray;
import org.ambidex.io.torch.Checkpoints;
import org.ambidex.io.torch.StateDict;
import org.ambidex.io.torch.TorchCheckpointWriter;
import org.ambidex.nets.NativeLog;
import org.ambidex.nets.StateEntry;
import org.ambidex.nets.WeightImport;

/**
 * A {@link TwoHandNet} with its weights, hand layers and the NDManager holding them: initialisation from a seed,
 * loading and saving model files, and batched prediction.
 *
 * <p>A model file is a PyTorch-format checkpoint {@code {"format": FORMAT, "meta": {...}, "model": state_dict}};
 * {@code meta} holds the {@link TwoHandConfig} (input size and normalisation included) and the provenance.
 */
public final class TwoHandModel implements AutoCloseable {

    /** The {@code format} entry of model files and training checkpoints. */
    public static final String FORMAT = "ambidex.twohand/1";

    private final NDManager manager;
    private final TwoHandDecoder decoder;
    private final TwoHandNet net;
    private final Map<String, Object> provenance;

    private TwoHandModel(TwoHandConfig config, HandModel right, HandModel left, Map<String, Object> provenance) {
        NativeLog.apply(); // before the weights are first written, when libtorch would warn
        this.manager = NDManager.newBaseManager();
        this.manager.setName("twohand-model");
        this.decoder = new TwoHandDecoder(right, left, manager);
        this.net = new TwoHandNet(config, decoder);
        this.net.initializeParameters(manager);
        this.provenance = new LinkedHashMap<>(provenance);
    }

    /**
     * A freshly initialised network, drawn from {@code seed}: convolutions He-normal (fan out, as torchvision),
     * linear layers uniform in {@code +-1/sqrt(in)} with zero bias, the last batch norm of every residual block
     * zero (each block starts as the identity), and the layers that produce hand vectors and placements scaled by
     * 0.01 so every stage starts near the mean hand.
     */
    public static TwoHandModel initialised(TwoHandConfig config, HandModel right, HandModel left, long seed) {
        TwoHandModel model = new TwoHandModel(config, right, left, Map.of("initialised_with_seed", seed));
        SplittableRandom random = new SplittableRandom(seed);
        boolean bottleneck = config.resnetDepth() >= 50;
        model.net.stateEntries().forEach((name, entry) -> {
            if (!(entry instanceof StateEntry.ParameterEntry p) || !entry.trainable()) {
                return;
            }
            int[] shape = entry.shape();
            float[] v = new float[Math.toIntExact(p.parameter().getArray().size())];
            Parameter.Type type = p.parameter().getType();
            if (type == Parameter.Type.WEIGHT && shape.length == 4) {
                double std = Math.sqrt(2.0 / (shape[0] * shape[2] * shape[3]));
                for (int i = 0; i < v.length; i++) {
                    v[i] = (float) (random.nextGaussian() * std);
                }
            } else if (type == Parameter.Type.WEIGHT && shape.length == 2) {
                double bound = 1 / Math.sqrt(shape[1]) * (isOutputLayer(name) ? 0.01 : 1);
                for (int i = 0; i < v.length; i++) {
                    v[i] = (float) ((2 * random.nextDouble() - 1) * bound);
                }
            } else if (type == Parameter.Type.GAMMA) {
                boolean lastOfBlock = name.startsWith("backbone.layer")
                    && name.endsWith(bottleneck ? ".bn3.weight" : ".bn2.weight");
                java.util.Arrays.fill(v, lastOfBlock ? 0f : 1f);
            } else {
                return; // biases and shifts stay zero
            }
            p.parameter().getArray().set(FloatBuffer.wrap(v));
        });
        return model;
    }

    private static boolean isOutputLayer(String name) {
        return name.matches("init_\\w+\\.2\\..*") || name.startsWith("offset.") || name.matches("refine\\.\\d+\\.mlp_\\w+\\.4\\..*")
            || name.matches("refine\\.\\d+\\.offset\\.2\\..*");
    }

    /**
     * The model stored in {@code file} (a model file or a training checkpoint), with hand layers for
     * {@code right} and {@code left}.
     *
     * @throws BadInputException when the file is not a twohand model or its weights do not fit its configuration
     */
    public static TwoHandModel load(Path file, HandModel right, HandModel left) {
        return fromCheckpoint(Checkpoints.read(file), right, left);
    }

    /**
     * The model held by a checkpoint already read (see {@link #load}), from a file or from memory, checked as
     * {@link #load} checks a file: a checkpoint read once serves this and any other look at its metadata.
     */
    public static TwoHandModel fromCheckpoint(StateDict root, HandModel right, HandModel left) {
        Path file = checkFormat(root).source();
        Map<?, ?> meta = root.other("meta").filter(Map.class::isInstance).map(Map.class::cast)
            .orElseThrow(() -> new BadInputException(file, "has no 'meta' dictionary (the network configuration)"));
        TwoHandConfig config;
        try {
            config = TwoHandConfig.fromMetadata(meta);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(file, "has an unusable network configuration: " + e.getMessage());
        }
        Map<String, Object> provenance = new LinkedHashMap<>();
        meta.forEach((k, v) -> provenance.put(String.valueOf(k), v));
        TwoHandModel model = new TwoHandModel(config, right, left, provenance);
        try {
            WeightImport.load(model.net, root.select("model"), "the two-hand network " + config, n -> false);
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
        return model;
    }

    /**
     * {@code root} itself when it is a two-hand model file or training checkpoint ({@code format} is {@value #FORMAT});
     * otherwise bad input naming its source.
     */
    public static StateDict checkFormat(StateDict root) {
        if (!FORMAT.equals(root.other("format").orElse(null))) {
            throw new BadInputException(root.source(), "is not an ambidex two-hand model (format "
                + root.other("format").orElse("missing") + ", expected " + FORMAT + ")");
        }
        return root;
    }

    /** Writes the weights and metadata (plus {@code extra} entries) as a model file, atomically. */
    public void save(Path file, Map<String, Object> extraMeta) {
        TorchCheckpointWriter.write(file, Map.of(), checkpointEntries(extraMeta));
    }

    /** The entries of a model file: {@code format}, {@code meta} and {@code model}. */
    public Map<String, Object> checkpointEntries(Map<String, Object> extraMeta) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("format", FORMAT);
        Map<String, Object> meta = new LinkedHashMap<>(net.config().toMetadata());
        provenance.forEach((k, v) -> {
            if (!meta.containsKey(k)) {
                meta.put(k, v);
            }
        });
        meta.putAll(extraMeta);
        root.put("meta", meta);
        root.put("model", new LinkedHashMap<String, Object>(WeightImport.export(net)));
        return root;
    }

    public TwoHandNet network() {
        return net;
    }

    public TwoHandConfig config() {
        return net.config();
    }

    public TwoHandDecoder decoder() {
        return decoder;
    }

    public NDManager manager() {
        return manager;
    }

    /** Metadata read from the model file (or the initialisation seed). */
    public Map<String, Object> provenance() {
        return java.util.Collections.unmodifiableMap(provenance);
    }

    /**
     * Runs the network in evaluation mode on {@code batch} normalised crops ({@code batch x 3 x S x S} floats,
     * planar, image after image; see {@link InputNormalisation}).
     */
    public List<TwoHandPrediction> predict(float[] chw, int batch) {
        int s = net.config().inputSize();
        if (chw.length != (long) batch * 3 * s * s) {
            throw new IllegalArgumentException("expected " + batch + " x 3 x " + s + " x " + s + " values, got "
                + chw.length);
        }
        try (NDScope ignored = new NDScope(); NDManager scope = manager.newSubManager()) {
            // DJL wraps the Java buffer without copying; keep its array reachable while the network reads it.
            NDArray images = scope.create(chw, new Shape(batch, 3, s, s));
            TwoHandOutput out = net.run(new ParameterStore(scope, false), images, false);
            java.lang.ref.Reference.reachabilityFence(images);
            float[] presence = ai.djl.nn.Activation.sigmoid(out.presenceLogits()).toFloatArray();
            float[] offset = out.offset().toFloatArray();
            float[][] joints = new float[2][];
            float[][] vertices = new float[2][];
            float[][] uv = new float[2][];
            float[][] scale = new float[2][];
            float[][] root = new float[2][];
            float[][] wrist = new float[2][];
            float[] vectors = out.vectors().get(out.stageCount() - 1).toFloatArray();
            for (int h = 0; h < 2; h++) {
                DecodedHand d = out.result(h);
                joints[h] = d.joints().toFloatArray();
                vertices[h] = d.vertices().toFloatArray();
                uv[h] = d.uv().toFloatArray();
                scale[h] = d.scale().toFloatArray();
                root[h] = d.rootUv().toFloatArray();
                wrist[h] = d.wrist().toFloatArray();
            }
            int v = (int) (vertices[0].length / batch / 3);
            int vl = (int) (vertices[1].length / batch / 3);
            List<TwoHandPrediction> list = new ArrayList<>(batch);
            for (int i = 0; i < batch; i++) {
                double[][] j = new double[2][];
                double[][] vv = new double[2][];
                double[][] u = new double[2][];
                double[][] r = new double[2][];
                double[][] vec = new double[2][];
                double[][] w = new double[2][];
                double[] sc = new double[2];
                for (int h = 0; h < 2; h++) {
                    int nv = h == 0 ? v : vl;
                    j[h] = slice(joints[h], i * 63, 63, 1, 0);
                    vv[h] = slice(vertices[h], i * nv * 3, nv * 3, 1, 0);
                    u[h] = slice(uv[h], i * 42, 42, s / 2.0, s / 2.0);
                    r[h] = slice(root[h], i * 2, 2, s / 2.0, s / 2.0);
                    vec[h] = slice(vectors, (i * 2 + h) * HandVector.SIZE, HandVector.SIZE, 1, 0);
                    sc[h] = scale[h][i];
                    w[h] = slice(wrist[h], i * 3, 3, 1, 0);
                }
                list.add(new TwoHandPrediction(new double[] {presence[2 * i], presence[2 * i + 1]}, j, vv, u, sc, r,
                    vec, slice(offset, i * 3, 3, 1, 0), w));
            }
            return list;
        }
    }

    private static double[] slice(float[] a, int from, int n, double scale, double shift) {
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            d[i] = a[from + i] * scale + shift;
        }
        return d;
    }

    /** Values of a float tensor as an {@link NdArray} (for checkpoint writing). */
    static NdArray toNdArray(NDArray a) {
        int[] shape = java.util.Arrays.stream(a.getShape().getShape()).mapToInt(Math::toIntExact).toArray();
        return NdArray.ofFloats(shape, a.toFloatArray());
    }

    @Override
    public void close() {
        decoder.close();
        manager.close();
    }

    /** Objects equality is identity; the weights are mutable. */
    @Override
    public String toString() {
        return "TwoHandModel(" + net.config() + ", " + Objects.toString(provenance.get("source"), "no source") + ")";
    }
}
