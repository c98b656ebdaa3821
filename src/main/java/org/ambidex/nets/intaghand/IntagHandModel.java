package org.ambidex.nets.intaghand;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.ambidex.core.BadInputException;
import org.ambidex.io.torch.Checkpoints;
import org.ambidex.io.torch.StateDict;
import org.ambidex.nets.NativeLog;
import org.ambidex.nets.WeightImport;

/**
 * An IntagHand network with its weights and graphs in native memory, for inference. Owns its {@link NDManager}:
 * close it when done.
 */
public final class IntagHandModel implements AutoCloseable {

    /** The checkpoints of {@code misc.tar.gz}, in the order a folder is searched. */
    public static final List<String> CHECKPOINTS = List.of("model/interhand.pth", "model/wild_demo.pth");

    private final NDManager manager;
    private final IntagHandNet net;
    private final String source;

    private IntagHandModel(HandGraphs left, HandGraphs right, String source) {
        NativeLog.apply();
        this.manager = NDManager.newBaseManager();
        this.net = new IntagHandNet(manager, left, right);
        this.source = source;
        net.initializeParameters(manager);
    }

    /**
     * Opens {@code misc/} as {@code misc.tar.gz} unpacks it ({@code model/interhand.pth}, else
     * {@code model/wild_demo.pth}; {@code graph_left.pkl}, {@code graph_right.pkl}), or a checkpoint file with the
     * graph pickles in {@code graphs}.
     *
     * @param graphs the folder of the graph pickles, or null for {@code path} itself (a folder) or the folder above
     *     a checkpoint's {@code model/} folder
     */
    public static IntagHandModel open(Path path, Path graphs) {
        if (!Files.exists(path)) {
            throw new BadInputException(path, "no such file or folder (expected IntagHand's misc folder or its "
                + "model/interhand.pth)");
        }
        Path checkpoint = path;
        if (Files.isDirectory(path)) {
            checkpoint = CHECKPOINTS.stream().map(path::resolve).filter(Files::isRegularFile).findFirst()
                .orElseThrow(() -> new BadInputException(path, "holds no IntagHand checkpoint (looked for "
                    + String.join(", ", CHECKPOINTS) + ")"));
        }
        Path folder = graphs != null ? graphs : Files.isDirectory(path) ? path : graphFolderOf(path);
        HandGraphs left = HandGraphs.read(folder.resolve("graph_left.pkl"));
        HandGraphs right = HandGraphs.read(folder.resolve("graph_right.pkl"));
        if (left.nodes()[2] != right.nodes()[2] || left.nodes()[0] != right.nodes()[0]) {
            throw new BadInputException(folder, "holds graphs of different sizes for the two hands: left "
                + left.nodes()[2] + " nodes, right " + right.nodes()[2]);
        }
        return fromCheckpoint(checkpoint, left, right);
    }

    private static Path graphFolderOf(Path checkpoint) {
        Path parent = checkpoint.toAbsolutePath().getParent();
        if (parent != null && parent.getFileName() != null && parent.getFileName().toString().equals("model")
            && parent.getParent() != null) {
            return parent.getParent();
        }
        return parent;
    }

    /**
     * Reads a checkpoint as the reference's {@code load_model} does (a bare state dict, with DDP's {@code module.}
     * prefix or without); every tensor must fit the network built from the graphs (the unused ImageNet classifier
     * {@code encoder.resnet.fc} is allowed), otherwise one bad-input message lists what does not fit.
     */
    public static IntagHandModel fromCheckpoint(Path checkpoint, HandGraphs left, HandGraphs right) {
        StateDict weights = Checkpoints.read(checkpoint).weights().stripPrefix("module.");
        IntagHandModel model = new IntagHandModel(left, right, checkpoint.toString());
        try {
            WeightImport.load(model.net, weights, "IntagHand (ResNet-50, graphs of " + left.nodes()[0] + "/"
                + left.nodes()[1] + "/" + left.nodes()[2] + " nodes)", name -> name.startsWith("encoder.resnet.fc."));
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
        return model;
    }

    /**
     * A network to train from scratch: convolution weights He-normal, other matrices uniform in
     * {@code +-1/sqrt(fan-in)}, normalisation scales 1 and shifts, biases 0 (torch's defaults, up to the draw), the
     * vertex colours {@code dense_coor} uniform in [0, 1], from {@code seed}. The reference starts from ImageNet
     * weights and its {@code upsample.pkl} / {@code v_color.pkl}, which are not available here.
     */
    public static IntagHandModel initialised(HandGraphs left, HandGraphs right, long seed) {
        IntagHandModel model = new IntagHandModel(left, right, "initialised with seed " + seed);
        java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
        model.net.stateEntries().forEach((name, entry) -> {
            if (!(entry instanceof org.ambidex.nets.StateEntry.ParameterEntry p)) {
                return;
            }
            int[] shape = entry.shape();
            float[] v = new float[Math.toIntExact(p.parameter().getArray().size())];
            if (name.equals("decoder.dense_coor")) {
                for (int i = 0; i < v.length; i++) {
                    v[i] = (float) random.nextDouble();
                }
            } else if (!entry.trainable()) {
                return; // running statistics keep their initial mean 0, variance 1
            } else if (shape.length == 4) {
                double std = Math.sqrt(2.0 / (shape[0] * shape[2] * shape[3]));
                for (int i = 0; i < v.length; i++) {
                    v[i] = (float) (random.nextGaussian() * std);
                }
            } else if (shape.length >= 2) {
                int fanIn = 1;
                for (int i = 1; i < shape.length; i++) {
                    fanIn *= shape[i];
                }
                double bound = 1 / Math.sqrt(fanIn);
                for (int i = 0; i < v.length; i++) {
                    v[i] = (float) ((2 * random.nextDouble() - 1) * bound);
                }
            } else if (name.endsWith(".weight")) {
                Arrays.fill(v, 1f);
            } else {
                return; // biases and shifts stay zero
            }
            p.parameter().getArray().set(java.nio.FloatBuffer.wrap(v));
        });
        return model;
    }

    /** Where the network's arrays live. */
    public NDManager manager() {
        return manager;
    }

    public IntagHandNet network() {
        return net;
    }

    /** Where the weights came from. */
    public String source() {
        return source;
    }

    /**
     * Runs the network.
     *
     * @param chw {@code batch x 3 x 256 x 256} floats: RGB in [0, 1] normalised with ImageNet's mean and deviation,
     *     planar, image after image
     */
    public List<IntagHandPrediction> predict(float[] chw, int batch) {
        int side = IntagHandNet.INPUT_SIZE;
        if (chw.length != batch * 3 * side * side) {
            throw new IllegalArgumentException("expected " + batch + " x 3 x 256 x 256 floats, got " + chw.length);
        }
        try (NDScope ignored = new NDScope(); NDManager scope = manager.newSubManager()) {
            NDArray x = scope.create(chw, new Shape(batch, 3, side, side));
            NDList out = net.forward(new ParameterStore(scope, false), new NDList(x), false, null);
            float[] lv = out.get(0).toFloatArray();
            float[] lc = out.get(1).toFloatArray();
            float[] rv = out.get(2).toFloatArray();
            float[] rc = out.get(3).toFloatArray();
            int nv = HandGraphs.VERTICES * 3;
            List<IntagHandPrediction> result = new ArrayList<>(batch);
            for (int b = 0; b < batch; b++) {
                result.add(new IntagHandPrediction(Arrays.copyOfRange(lv, b * nv, (b + 1) * nv),
                    Arrays.copyOfRange(rv, b * nv, (b + 1) * nv),
                    Arrays.copyOfRange(lc, 3 * b, 3 * b + 3), Arrays.copyOfRange(rc, 3 * b, 3 * b + 3)));
            }
            return result;
        }
    }

    @Override
    public void close() {
        manager.close();
    }
}
