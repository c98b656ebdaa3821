package org.ambidex.nets;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.ambidex.io.torch.Checkpoints;
import org.ambidex.io.torch.StateDict;

/**
 * An InterNet with its weights in native memory, ready for inference (batch-norm in evaluation mode, no
 * gradients) or for training. Owns its {@link NDManager}: close it when done.
 */
public final class InterNetModel implements AutoCloseable {

    private final NDManager manager;
    private final InterNet net;
    private final String source;

    private InterNetModel(InterNetConfig config, String source) {
        NativeLog.apply(); // before the weights are first written, when libtorch would warn
        this.manager = NDManager.newBaseManager();
        this.net = new InterNet(config);
        this.source = source;
        net.initializeParameters(manager);
    }

    /**
     * Reads an InterNet checkpoint: a {@code snapshot_N.pth.tar} as the reference code saves it
     * ({@code network} dictionary with DataParallel's {@code module.} prefix), or a bare state dict. The shape of
     * the network is read off the tensors; every name and shape must then match, otherwise the file is bad input
     * listing the missing, unexpected and wrongly shaped tensors.
     */
    public static InterNetModel fromCheckpoint(Path file) {
        StateDict weights = networkWeights(Checkpoints.read(file));
        InterNetConfig config = InterNetConfig.infer(weights);
        InterNetModel model = new InterNetModel(config, file.toString());
        try {
            WeightImport.load(model.net, weights, config.describe(), name -> false);
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
        return model;
    }

    /** The weights of a checkpoint: its {@code network} dictionary (or its only state dict), without {@code module.}. */
    public static StateDict networkWeights(StateDict checkpoint) {
        StateDict w = checkpoint.find("network").orElseGet(checkpoint::weights);
        return w.stripPrefix("module.");
    }

    /**
     * A freshly initialised network as the reference trains it (SEED_SPEC B.5): transposed and ordinary
     * convolutions N(0, 0.001), linear layers N(0, 0.01), biases 0, batch-norm scale 1 and shift 0, drawn from
     * {@code seed}.
     */
    public static InterNetModel initialised(InterNetConfig config, long seed) {
        InterNetModel model = new InterNetModel(config, "initialised (seed " + seed + ")");
        SplittableRandom random = new SplittableRandom(seed);
        model.net.stateEntries().forEach((name, entry) -> {
            if (entry instanceof StateEntry.ParameterEntry p && name.endsWith(".weight")
                && p.parameter().getType() == ai.djl.nn.Parameter.Type.WEIGHT) {
                double std = entry.shape().length == 2 ? 0.01 : 0.001;
                float[] v = new float[Math.toIntExact(p.parameter().getArray().size())];
                for (int i = 0; i < v.length; i++) {
                    v[i] = (float) (random.nextGaussian() * std);
                }
                p.parameter().getArray().set(FloatBuffer.wrap(v));
            }
        });
        return model;
    }

    public InterNet network() {
        return net;
    }

    public InterNetConfig config() {
        return net.config();
    }

    public NDManager manager() {
        return manager;
    }

    /** Where the weights came from (a file, or the initialisation seed). */
    public String source() {
        return source;
    }

    /**
     * Runs the network on {@code batch} inputs and decodes them (SEED_SPEC B.4).
     *
     * @param chw {@code batch x 3 x 256 x 256} floats: RGB divided by 255, planar, image after image
     */
    public List<InterNetPrediction> predict(float[] chw, int batch) {
        int side = InterNetConfig.INPUT_SIZE;
        if (chw.length != batch * 3 * side * side) {
            throw new IllegalArgumentException("expected " + batch + " x 3 x 256 x 256 floats, got " + chw.length);
        }
        InterNetConfig c = config();
        try (NDScope ignored = new NDScope(); NDManager scope = manager.newSubManager()) {
            NDArray x = scope.create(chw, new Shape(batch, 3, side, side));
            NDList out = net.forward(new ParameterStore(scope, false), new NDList(x), false, null);
            float[] heat = out.get(0).toFloatArray();
            float[] root = out.get(1).toFloatArray();
            float[] hand = out.get(2).toFloatArray();
            int hm = Math.toIntExact(out.get(0).getShape().get(3));
            int joints = 2 * c.jointsPerHand();
            int perImage = joints * c.depthBins() * hm * hm;
            List<InterNetPrediction> result = new ArrayList<>(batch);
            for (int b = 0; b < batch; b++) {
                double[] xyz = new double[3 * joints];
                float[] scores = new float[joints];
                HeatmapArgmax.decode(heat, b * perImage, joints, c.depthBins(), hm, hm, xyz, scores);
                result.add(new InterNetPrediction(xyz, scores, root[b], new double[] {hand[2 * b], hand[2 * b + 1]}));
            }
            return result;
        }
    }

    @Override
    public void close() {
        manager.close();
    }
}
