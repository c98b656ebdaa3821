package org.ambidex.train.dir;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ambidex.data.Sample;
import org.ambidex.data.crop.FloatImage;
import org.ambidex.io.image.Images;
import org.ambidex.io.NdArray;
import org.ambidex.io.torch.StateDict;
import org.ambidex.io.torch.TorchCheckpointWriter;
import org.ambidex.nets.dir.DirConfig;
import org.ambidex.nets.dir.DirModel;
import org.ambidex.nets.dir.DirNet;
import org.ambidex.train.ModuleOptimizer;
import org.ambidex.train.TrainingCheckpoint;
import org.ambidex.train.TrainingTask;

/**
 * Trains DIR as its {@code train.py} does: every term of {@link DirLosses} summed (the three stages, the seg and
 * dense heads), AdamW (PyTorch's defaults: betas 0.9 and 0.999, eps 1e-8, weight decay 0.01), batch-norm in
 * training mode, on the examples of {@link DirExamples}. The learning rate comes from the loop's schedule
 * ({@link #cosine}).
 */
public final class DirTrainingTask implements TrainingTask {

    /** Architecture name. */
    public static final String ARCH = "dir";
    /** {@code torch.optim.AdamW}'s default weight decay, which the reference keeps. */
    public static final double WEIGHT_DECAY = 0.01;

    private final DirModel model;
    private final List<Sample> samples;
    private final DirExamples examples;
    private final int[][] faces;
    private final ModuleOptimizer optimizer;
    private final Map<String, NdArray> extras;

    /**
     * @param model the network to train (owned by the task from now on: closed with it)
     * @param samples training samples, each {@link DirExamples#usable}
     * @param examples how to make their examples
     * @param extras the tensors DIR's files hold beyond the network ({@link #extras}), written into the export
     */
    public DirTrainingTask(DirModel model, List<Sample> samples, DirExamples examples, Map<String, NdArray> extras) {
        this.model = model;
        this.extras = new LinkedHashMap<>(extras);
        this.samples = List.copyOf(samples);
        this.examples = examples;
        this.faces = new int[][] {model.faces(0), model.faces(1)};
        this.optimizer = new ModuleOptimizer(model.network(), model.manager(), WEIGHT_DECAY);
    }

    /**
     * The tensors the reference's state dict holds that no training changes and ambidex's network does not hold:
     * its ResNet's ImageNet classifier {@code backbone.fc.*} (no gradient reaches it, so AdamW skips it) and the
     * segmentation loss's class weights {@code seg_loss.weight} (0.1, 0.45, 0.45). The classifier is taken from
     * {@code start} (the --init file) when it holds one of the right shape, otherwise drawn as PyTorch's default
     * initialisation bounds it (uniform +-1/sqrt(fan in), from {@code seed}).
     *
     * @param start the starting checkpoint's weights, or null
     */
    public static Map<String, NdArray> extras(StateDict start, DirConfig config, long seed) {
        int c = config.backboneChannels();
        Map<String, NdArray> out = new LinkedHashMap<>();
        NdArray w = start == null ? null : start.tensor("backbone.fc.weight").orElse(null);
        NdArray b = start == null ? null : start.tensor("backbone.fc.bias").orElse(null);
        if (w != null && b != null && java.util.Arrays.equals(w.shape(), new int[] {1000, c})
            && java.util.Arrays.equals(b.shape(), new int[] {1000})) {
            out.put("backbone.fc.weight", w);
            out.put("backbone.fc.bias", b);
        } else {
            java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
            double bound = 1 / Math.sqrt(c);
            out.put("backbone.fc.weight", NdArray.ofFloats(new int[] {1000, c}, uniform(random, 1000 * c, bound)));
            out.put("backbone.fc.bias", NdArray.ofFloats(new int[] {1000}, uniform(random, 1000, bound)));
        }
        out.put("seg_loss.weight", NdArray.ofFloats(new int[] {3}, 0.1f, 0.45f, 0.45f));
        return out;
    }

    private static float[] uniform(java.util.SplittableRandom random, int n, double bound) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) ((random.nextDouble() * 2 - 1) * bound);
        }
        return v;
    }

    /**
     * The reference's {@code CosineAnnealingLR(T_max=total_epoch, eta_min=0)}, stepped once per epoch: epoch e
     * trains at {@code base (1 + cos(pi e / epochs)) / 2}.
     */
    public static org.ambidex.train.LearningRateSchedule cosine(double base, int epochs) {
        return (epoch, step) -> base * (1 + Math.cos(Math.PI * epoch / epochs)) / 2;
    }

    @Override
    public long skippedUpdates() {
        return optimizer.skippedUpdates();
    }

    @Override
    public String arch() {
        return ARCH;
    }

    @Override
    public int trainSize() {
        return samples.size();
    }

    public DirModel model() {
        return model;
    }

    /** The examples of a step (images read here; {@code seeds} unused: the reference's augmentation is absent). */
    public List<DirExample> examples(int[] indices) {
        List<DirExample> list = new ArrayList<>(indices.length);
        for (int i : indices) {
            Sample s = samples.get(i);
            list.add(examples.make(s, FloatImage.ofRgb(Images.read(s.image()))));
        }
        return list;
    }

    @Override
    public StepLoss step(int[] indices, long[] seeds, double lr) {
        return step(examples(indices), lr);
    }

    /** One optimisation step on prepared examples. */
    public StepLoss step(List<DirExample> batch, double lr) {
        try (NDScope ignored = new NDScope(); NDManager scope = model.manager().newSubManager()) {
            DirLosses.Targets targets = targets(batch, scope);
            NDArray images = stack(scope, batch.stream().map(DirExample::image).toList(), 3, 256, 256);
            Map<String, Double> terms = new LinkedHashMap<>();
            double total;
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                DirNet.Output out = model.network().run(new ParameterStore(scope, false), images, true, true);
                Map<String, NDArray> loss = DirLosses.compute(out, targets, faces);
                NDArray sum = DirLosses.total(loss);
                collector.backward(sum);
                loss.forEach((k, v) -> terms.put(k, (double) v.getFloat()));
                total = sum.getFloat();
            }
            optimizer.updateIfFinite(total, lr);
            java.lang.ref.Reference.reachabilityFence(images);
            return new StepLoss(total, terms);
        }
    }

    private static DirLosses.Targets targets(List<DirExample> batch, NDManager m) {
        NDArray[] jointUv = new NDArray[2];
        NDArray[] meshUv = new NDArray[2];
        NDArray[] joints = new NDArray[2];
        NDArray[] mesh = new NDArray[2];
        NDArray[] centre = new NDArray[2];
        for (int h = 0; h < 2; h++) {
            final int hand = h;
            jointUv[h] = stack(m, batch.stream().map(e -> e.jointUv()[hand]).toList(), 21, 2);
            meshUv[h] = stack(m, batch.stream().map(e -> e.meshUv()[hand]).toList(), -1, 2);
            joints[h] = stack(m, batch.stream().map(e -> e.joints()[hand]).toList(), 21, 3);
            mesh[h] = stack(m, batch.stream().map(e -> e.mesh()[hand]).toList(), -1, 3);
            centre[h] = stack(m, batch.stream().map(e -> e.centre(hand)).toList(), 1, 3);
        }
        return new DirLosses.Targets(jointUv, meshUv, joints, mesh, centre,
            stack(m, batch.stream().map(DirExample::seg).toList(), 1, 256, 256),
            stack(m, batch.stream().map(DirExample::dense).toList(), 3, 256, 256));
    }

    private static NDArray stack(NDManager m, List<float[]> rows, long... shape) {
        int n = rows.get(0).length;
        float[] all = new float[rows.size() * n];
        for (int i = 0; i < rows.size(); i++) {
            System.arraycopy(rows.get(i), 0, all, i * n, n);
        }
        long[] full = new long[shape.length + 1];
        full[0] = rows.size();
        long known = 1;
        for (long d : shape) {
            known *= d > 0 ? d : 1;
        }
        for (int i = 0; i < shape.length; i++) {
            full[i + 1] = shape[i] > 0 ? shape[i] : n / known; // one free dimension, as reshape's -1
        }
        return m.create(all, new Shape(full));
    }

    @Override
    public TrainingCheckpoint checkpoint(long step, int epochsDone, double lr, Map<String, Object> settings,
                                         boolean withOptimizer) {
        return optimizer.checkpoint(ARCH, step, epochsDone, lr, settings, withOptimizer);
    }

    @Override
    public void restore(TrainingCheckpoint.Loaded checkpoint) {
        optimizer.restore(checkpoint, model.toString());
    }

    /**
     * Writes the file the reference's {@code train.py} saves and {@code apps/eval.py} loads:
     * {@code {'net': state_dict, 'optimizer': AdamW state, 'schedule': CosineAnnealingLR state, 'last_epoch'}}.
     *
     * @param epochsDone epochs trained; {@code last_epoch} is one less, as the reference records it
     * @param base the schedule's initial learning rate
     * @param epochs the schedule's length ({@code T_max})
     * @param lr the learning rate of the next epoch, as the scheduler holds it after its step
     */
    public void export(Path file, int epochsDone, double base, int epochs, double lr) {
        Map<String, Object> optimizerState = new LinkedHashMap<>(
            optimizer.checkpoint(ARCH, 0, epochsDone, lr, Map.of(), true).optimizer());
        @SuppressWarnings("unchecked")
        List<Object> groups = (List<Object>) optimizerState.get("param_groups");
        List<Object> withInitial = new ArrayList<>();
        for (Object g : groups) {
            @SuppressWarnings("unchecked")
            Map<String, Object> group = new LinkedHashMap<>((Map<String, Object>) g);
            group.put("initial_lr", base); // the reference builds its group with initial_lr
            withInitial.add(group);
        }
        optimizerState.put("param_groups", withInitial);
        Map<String, Object> schedule = new LinkedHashMap<>();
        schedule.put("T_max", (long) epochs);
        schedule.put("eta_min", 0L);
        schedule.put("base_lrs", List.of(base));
        schedule.put("last_epoch", (long) epochsDone);
        schedule.put("verbose", false);
        schedule.put("_step_count", (long) epochsDone + 1);
        schedule.put("_get_lr_called_within_step", false);
        schedule.put("_last_lr", List.of(lr));
        Map<String, Object> root = new LinkedHashMap<>();
        Map<String, NdArray> net = new LinkedHashMap<>(model.stateDict());
        net.putAll(extras);
        root.put("net", net);
        root.put("optimizer", optimizerState);
        root.put("schedule", schedule);
        root.put("last_epoch", (long) epochsDone - 1);
        TorchCheckpointWriter.writeObject(file, root);
    }

    @Override
    public Map<String, Double> validate(int epoch, Path folder) {
        return Map.of();
    }

    @Override
    public void close() {
        optimizer.close();
        model.close();
    }
}
