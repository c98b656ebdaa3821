package org.ambidex.train.s2hand;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.ambidex.nets.s2hand.S2HandHeatmapNet;
import org.ambidex.nets.s2hand.S2HandModel;
import org.ambidex.nets.s2hand.S2HandNet;
import org.ambidex.nets.s2hand.S2HandPrediction;
import org.ambidex.render.soft.FaceLighting;
import org.ambidex.render.soft.SoftRasterSettings;
import org.ambidex.render.soft.SoftRasterizer;
import org.ambidex.render.soft.SoftRendering;
import org.ambidex.train.LossSum;
import org.ambidex.train.ModuleOptimizer;
import org.ambidex.train.TrainingCheckpoint;
import org.ambidex.train.TrainingTask;

/**
 * S2HAND's training stages ({@link S2HandStage}) for the shared {@link org.ambidex.train.TrainLoop}: the network in
 * training mode on crops with detected 2-D keypoints; where the stage runs the 3-D modules, the renderer-free terms
 * of {@link S2HandLosses} (keypoint reprojection, bone directions, mean scale, pose limits, and Laplacian smoothness
 * where the stage has it; the shape term is zero under the mean shape) and the stage's rendered terms
 * ({@link S2HandRenderedLosses}, through the soft rasteriser); where it runs the heat-map branch,
 * {@link S2HandHeatmapLosses} ({@code hm_integral}, and {@code kp_cons} when both run). Adam (AdamW without decay,
 * as the reference's default optimiser) on the modules the stage trains. Validation: the mean distance, pixels,
 * between the projected joints (and the heat-map branch's joints) and the keypoints of the held-out crops (joints
 * with confidence above zero).
 */
public final class S2HandTrainingTask implements TrainingTask {

    /** The {@code --arch} name. */
    public static final String ARCH = "s2hand";

    private final S2HandModel model;
    private final List<S2HandExample> train;
    private final List<S2HandExample> val;
    private final ModuleOptimizer optimizer;
    private final int[] faces;
    private final boolean augment;
    private final S2HandStage stage;
    private final SoftRasterizer renderer = new SoftRasterizer(SoftRasterSettings.s2hand());

    /**
     * @param model the network (owned by the task from now on: closed with it)
     * @param train the training crops, kept as given rather than copied (a list may read its examples only when
     *     asked, as a FreiHAND split's does; it must not change)
     * @param val the held-out crops (may be empty), kept likewise
     */
    public S2HandTrainingTask(S2HandModel model, List<S2HandExample> train, List<S2HandExample> val) {
        this(model, train, val, false);
    }

    /**
     * @param augment whether each training crop is turned as the reference's FreiHAND training turns it
     *     ({@link S2HandRotation}, from the sample's seed); held-out crops never are
     */
    public S2HandTrainingTask(S2HandModel model, List<S2HandExample> train, List<S2HandExample> val,
                              boolean augment) {
        this(model, train, val, augment, S2HandStage.KEYPOINTS);
    }

    /**
     * @param stage which terms are on ({@link S2HandStage}; the schedule is the caller's); a stage that renders
     *     needs a hand model with MANO's faces (the texture head colours those)
     */
    public S2HandTrainingTask(S2HandModel model, List<S2HandExample> train, List<S2HandExample> val,
                              boolean augment, S2HandStage stage) {
        this.stage = Objects.requireNonNull(stage, "stage");
        this.augment = augment;
        this.model = Objects.requireNonNull(model, "model");
        this.train = Collections.unmodifiableList(train);
        this.val = Collections.unmodifiableList(val);
        this.optimizer = new ModuleOptimizer(model.network(), model.manager(), 0, stage::trains);
        this.faces = model.mano().model().faces().toIntArray();
        if (stage.renders() && faces.length / 3 != S2HandNet.TEXTURE_FACES) {
            model.close();
            throw new IllegalArgumentException("the " + stage.label() + " stage renders the texture head's "
                + S2HandNet.TEXTURE_FACES + " face colours, but hand model " + model.mano().model().name() + " has "
                + faces.length / 3 + " faces: it needs MANO");
        }
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
        return train.size();
    }

    @Override
    public StepLoss step(int[] indices, long[] seeds, double lr) {
        try (NDScope ignored = new NDScope(); NDManager scope = model.manager().newSubManager()) {
            Batch batch = Batch.of(train, indices, augment ? seeds : null, scope);
            Map<String, Double> terms = new LinkedHashMap<>();
            double total;
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                ParameterStore store = new ParameterStore(scope, false);
                Map<String, NDArray> parts = new LinkedHashMap<>();
                NDList out = null;
                NDList hand = null;
                NDArray projected = null;
                if (stage.threeD()) {
                    out = model.network().forward(store, new NDList(batch.images()), true, null);
                    NDArray pose = out.get(0);
                    hand = model.mano().forward(pose, out.get(3), out.get(4), out.get(2));
                    projected = batch.project(hand.get(0));
                    parts.put("open_2dj", S2HandLosses.keypoints(projected, batch.keypoints(), batch.confidences()));
                    parts.put("open_bone_direc", S2HandLosses.boneDirections(projected, batch.keypoints(),
                        batch.confidences()));
                    parts.put("mscale", S2HandLosses.meanScale(hand.get(0)));
                    parts.put("tsa_poses", S2HandLosses.poseLimits(model.mano().poses(pose)));
                }
                if (stage.heatmaps()) {
                    List<NDArray> stageJoints = heatmapJoints(model.network().heatMaps(store, batch.images(), true));
                    parts.put("hm_integral", S2HandHeatmapLosses.integral(stageJoints, batch.keypoints(),
                        batch.confidences()));
                    if (stage.keypointConsistency()) {
                        parts.put("kp_cons", S2HandHeatmapLosses.consistency(stageJoints.get(stageJoints.size() - 1),
                            projected));
                    }
                }
                if (stage.laplacian()) {
                    parts.put("triangle", S2HandLosses.laplacian(hand.get(1), faces));
                }
                if (stage.renders() || stage.textureRegulariser()) {
                    renderedTerms(batch, hand.get(1), out.get(5), out.get(6), parts);
                }
                NDArray sum = LossSum.of(counted(parts, terms), terms);
                collector.backward(sum);
                total = sum.getFloat();
            }
            optimizer.updateIfFinite(total, lr);
            return new StepLoss(total, terms);
        }
    }

    /** The per-stage joints of the heat-map branch's output (maps of each stage, then joints of each stage). */
    private static List<NDArray> heatmapJoints(NDList branch) {
        int stages = S2HandHeatmapNet.STAGES;
        return List.copyOf(branch.subList(stages, 2 * stages));
    }

    /**
     * The terms the reference adds to the loss: those above zero and not NaN ({@code examples/train.py}); the others
     * go into {@code values} only. (All of them when none is: the loop then reports the step.)
     */
    private static Map<String, NDArray> counted(Map<String, NDArray> parts, Map<String, Double> values) {
        Map<String, NDArray> used = new LinkedHashMap<>();
        for (Map.Entry<String, NDArray> e : parts.entrySet()) {
            double v = e.getValue().getFloat();
            if (v > 0) {
                used.put(e.getKey(), e.getValue());
            } else {
                values.put(e.getKey(), v);
            }
        }
        return used.isEmpty() ? parts : used;
    }

    /**
     * The stage's terms on the rendered hand: the face colours (tanh of the textures) lit by the predicted lights,
     * drawn with the crop's camera by the soft rasteriser, against the photo masked by the rendered silhouette.
     */
    private void renderedTerms(Batch batch, NDArray vertices, NDArray textures, NDArray lights,
                               Map<String, NDArray> parts) {
        NDManager m = vertices.getManager();
        long b = vertices.getShape().get(0);
        float[] factor = new float[(int) b];
        java.util.Arrays.fill(factor, S2HandRenderedLosses.ORIGINAL_IMAGE);
        NDArray confidence = S2HandRenderedLosses.textureConfidence(batch.confidences(), m.create(factor));
        if (stage.renders()) {
            NDArray lit = FaceLighting.shade(vertices, faces, textures.tanh(), lights);
            SoftRendering r = renderer.render(vertices, faces, lit, batch.intrinsics());
            NDArray masked = S2HandRenderedLosses.maskedPhoto(batch.images(), r.covered());
            if (stage.texture()) {
                parts.put("texture", S2HandRenderedLosses.photometric(r.rgb(), masked, confidence));
            }
            if (stage.meanColour()) {
                parts.put("mrgb", S2HandRenderedLosses.meanColour(r.rgb(), masked, confidence));
            }
        }
        if (stage.textureRegulariser()) {
            parts.put("mtex", S2HandRenderedLosses.textureOutliers(textures, confidence));
        }
    }

    public S2HandStage stage() {
        return stage;
    }

    /** The mean 2-D keypoint error (pixels) of the network in evaluation mode on {@code examples}. */
    public double keypointError(List<S2HandExample> examples) {
        double sum = 0;
        int n = 0;
        for (S2HandExample e : examples) {
            S2HandPrediction p = model.predict(e.chw(), 1).get(0);
            double[] j = p.joints();
            for (int k = 0; k < 21; k++) {
                if (e.confidences()[k] > 0) {
                    double[] uv = e.intrinsics().project(new org.ambidex.geom.Vec3(j[3 * k], j[3 * k + 1], j[3 * k + 2]));
                    sum += Math.hypot(uv[0] - e.keypoints()[2 * k], uv[1] - e.keypoints()[2 * k + 1]);
                    n++;
                }
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    @Override
    public TrainingCheckpoint checkpoint(long step, int epochsDone, double lr, Map<String, Object> settings,
                                         boolean withOptimizer) {
        return optimizer.checkpoint(ARCH, step, epochsDone, lr, settings, withOptimizer);
    }

    @Override
    public void restore(TrainingCheckpoint.Loaded checkpoint) {
        optimizer.restore(checkpoint, S2HandModel.DESCRIPTION);
    }

    /**
     * The mean distance (pixels) between the heat-map branch's last-stage joints, in evaluation mode, and the
     * keypoints of {@code examples} (joints with confidence above zero).
     */
    public double heatmapKeypointError(List<S2HandExample> examples) {
        double sum = 0;
        int n = 0;
        for (S2HandExample e : examples) {
            double[] j;
            try (NDScope ignored = new NDScope(); NDManager scope = model.manager().newSubManager()) {
                NDArray x = scope.create(e.chw(), new Shape(1, 3, S2HandNet.INPUT_SIZE, S2HandNet.INPUT_SIZE));
                List<NDArray> stages = heatmapJoints(model.network().heatMaps(new ParameterStore(scope, false), x,
                    false));
                float[] last = stages.get(stages.size() - 1).toFloatArray();
                j = new double[last.length];
                for (int i = 0; i < last.length; i++) {
                    j[i] = last[i];
                }
            }
            for (int k = 0; k < 21; k++) {
                if (e.confidences()[k] > 0) {
                    sum += Math.hypot(j[2 * k] - e.keypoints()[2 * k], j[2 * k + 1] - e.keypoints()[2 * k + 1]);
                    n++;
                }
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    /**
     * {@code keypoints_px} ({@link #keypointError}) when the stage trains the 3-D modules, {@code heatmap_px}
     * ({@link #heatmapKeypointError}) when it trains the heat-map branch.
     */
    @Override
    public Map<String, Double> validate(int epoch, Path folder) {
        Map<String, Double> out = new LinkedHashMap<>();
        if (!val.isEmpty() && stage.threeD()) {
            out.put("keypoints_px", keypointError(val));
        }
        if (!val.isEmpty() && stage.heatmaps()) {
            out.put("heatmap_px", heatmapKeypointError(val));
        }
        return out;
    }

    public S2HandModel model() {
        return model;
    }

    @Override
    public void close() {
        optimizer.close();
        model.close();
    }

    /** One step's examples as arrays. */
    private record Batch(NDArray images, NDArray keypoints, NDArray confidences, NDArray focal, NDArray centre) {

        /** {@code seeds} null: the crops as they are; else crop i turned from {@code seeds[i]}. */
        static Batch of(List<S2HandExample> examples, int[] indices, long[] seeds, NDManager m) {
            int b = indices.length;
            int plane = 3 * 224 * 224;
            float[] images = new float[b * plane];
            float[] points = new float[b * 42];
            float[] conf = new float[b * 21];
            float[] focal = new float[b * 2];
            float[] centre = new float[b * 2];
            for (int i = 0; i < b; i++) {
                S2HandExample e = examples.get(indices[i]);
                if (seeds != null) {
                    e = S2HandRotation.augmented(e, seeds[i]);
                }
                System.arraycopy(e.chw(), 0, images, i * plane, plane);
                for (int k = 0; k < 42; k++) {
                    points[i * 42 + k] = (float) e.keypoints()[k];
                }
                for (int k = 0; k < 21; k++) {
                    conf[i * 21 + k] = (float) e.confidences()[k];
                }
                focal[2 * i] = (float) e.intrinsics().fx();
                focal[2 * i + 1] = (float) e.intrinsics().fy();
                centre[2 * i] = (float) e.intrinsics().cx();
                centre[2 * i + 1] = (float) e.intrinsics().cy();
            }
            return new Batch(m.create(images, new Shape(b, 3, 224, 224)), m.create(points, new Shape(b, 21, 2)),
                m.create(conf, new Shape(b, 21)), m.create(focal, new Shape(b, 1, 2)), m.create(centre, new Shape(b, 1, 2)));
        }

        /** The crops' camera matrices (B, 3, 3). */
        NDArray intrinsics() {
            NDManager m = focal.getManager();
            long b = focal.getShape().get(0);
            NDArray zero = m.zeros(new Shape(b, 1));
            NDArray one = m.ones(new Shape(b, 1));
            NDArray f = focal.reshape(b, 2);
            NDArray c = centre.reshape(b, 2);
            return NDArrays.concat(new NDList(f.get(":, 0:1"), zero, c.get(":, 0:1"), zero, f.get(":, 1:2"),
                c.get(":, 1:2"), zero, zero, one), 1).reshape(b, 3, 3);
        }

        /** Pinhole projection of camera-frame joints (B, 21, 3) to pixels (B, 21, 2). */
        NDArray project(NDArray joints) {
            NDArray xy = joints.get(":, :, 0:2");
            NDArray z = joints.get(":, :, 2:3");
            return xy.div(z).mul(focal).add(centre);
        }
    }
}
