package org.ambidex.pipeline;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ambidex.core.BuildInfo;
import org.ambidex.core.Progress;
import org.ambidex.data.Bbox;
import org.ambidex.data.Sample;
import org.ambidex.data.crop.FloatImage;
import org.ambidex.data.crop.InterNetCrop;
import org.ambidex.data.crop.InterNetTargets;
import org.ambidex.eval.EvalReport;
import org.ambidex.eval.Evaluator;
import org.ambidex.eval.GroundTruthSample;
import org.ambidex.eval.HandColumn;
import org.ambidex.eval.HandPrediction;
import org.ambidex.eval.InterHandGroundTruth;
import org.ambidex.eval.InterHandProtocol;
import org.ambidex.eval.PckThresholds;
import org.ambidex.eval.Prediction;
import org.ambidex.eval.ReportJson;
import org.ambidex.eval.Split;
import org.ambidex.geom.Affine2;
import org.ambidex.geom.Intrinsics;
import org.ambidex.geom.Vec3;
import org.ambidex.hand.HandSide;
import org.ambidex.hand.JointOrder;
import org.ambidex.io.image.Images;
import org.ambidex.nets.InterNetConfig;
import org.ambidex.nets.InterNetModel;
import org.ambidex.nets.InterNetPrediction;
import org.ambidex.train.internet.InterNetValidator;

/**
 * Evaluates an InterNet on annotated InterHand2.6M-format samples under the {@code interhand} protocol, decoding
 * the network's outputs as the official {@code Dataset.evaluate} does (SEED_SPEC B.4, C.1) with ground-truth boxes
 * and root depths ({@code trans_test='gt'}):
 * <ul>
 *   <li>joints at hard-argmax bins, {@code (x, y)} through the inverse crop to image pixels, depth
 *       {@code (z/64*2-1)*200 mm} plus that hand's ground-truth wrist depth, back-projected with the intrinsics;</li>
 *   <li>the relative root for MRRPE from the predicted wrists: right at its relative depth plus the right wrist's
 *       true depth, left at its relative depth plus the right wrist's true depth plus the predicted
 *       {@code rel_root_depth};</li>
 *   <li>both hands always predicted, with the hand-type probabilities as presences.</li>
 * </ul>
 */
public final class InterNetValidation implements InterNetValidator {

    private final List<Sample> samples;
    private final int batchSize;

    public InterNetValidation(List<Sample> samples, int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be positive");
        }
        this.samples = samples;
        this.batchSize = batchSize;
    }

    /** The report of {@code model} on the samples. */
    public EvalReport evaluate(InterNetModel model) {
        List<Prediction> predictions = predict(model, Progress.silent());
        List<GroundTruthSample> truth = new ArrayList<>(samples.size());
        for (Sample s : samples) {
            truth.add(InterHandGroundTruth.of(s));
        }
        return Evaluator.evaluate(new InterHandProtocol(PckThresholds.DEFAULT), truth, predictions);
    }

    /**
     * The predictions of {@code model} for the samples, in order, each cropped about its annotated box and placed
     * at its annotated root depth as InterNet's evaluation does; {@code progress} steps once per sample.
     */
    public List<Prediction> predict(InterNetModel model, Progress progress) {
        List<Prediction> predictions = new ArrayList<>(samples.size());
        int side = InterNetCrop.INPUT_SIZE;
        for (int start = 0; start < samples.size(); start += batchSize) {
            int n = Math.min(batchSize, samples.size() - start);
            float[] input = new float[n * 3 * side * side];
            List<Bbox> boxes = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                Sample s = samples.get(start + i);
                Bbox box = InterNetCrop.processBbox(s.bbox());
                boxes.add(box);
                float[] chw = InterNetReconstructor.input(FloatImage.ofRgb(Images.read(s.image())), box);
                System.arraycopy(chw, 0, input, i * chw.length, chw.length);
            }
            List<InterNetPrediction> out = model.predict(input, n);
            for (int i = 0; i < n; i++) {
                predictions.add(decode(out.get(i), model.config(), boxes.get(i), samples.get(start + i)));
            }
            progress.stepBy(n);
        }
        return predictions;
    }

    /** One sample's prediction in camera metres (SEED_SPEC C.1 steps 1-3). */
    static Prediction decode(InterNetPrediction p, InterNetConfig config, Bbox box, Sample s) {
        int size = InterNetCrop.INPUT_SIZE;
        Affine2 inv = InterNetCrop.patchTransform(box.centreX(), box.centreY(), box.width(), box.height(), size, size,
            1.0, 0.0, true);
        Intrinsics k = s.camera().intrinsics();
        int hm = config.heatmapSize();
        double[] bins = p.joints();
        double[][] px = new double[42][];
        double[] rel = new double[42];
        for (int j = 0; j < 42; j++) {
            px[j] = inv.apply(bins[3 * j] / hm * size, bins[3 * j + 1] / hm * size);
            rel[j] = InterNetTargets.binsToDepth(bins[3 * j + 2] * 64.0 / config.depthBins(),
                InterNetTargets.BBOX_3D_SIZE);
        }
        double relRoot = InterNetTargets.binsToDepth(p.relRootDepth() * 64.0 / config.rootBins(),
            InterNetTargets.BBOX_3D_SIZE_ROOT);
        double rightDepth = s.rootDepth(0);
        HandPrediction[] hands = new HandPrediction[2];
        for (HandSide side : HandSide.values()) {
            int h = side.index();
            int[] gather = JointOrder.gatherFromInterHand42(side);
            double[] joints = new double[63];
            for (int op = 0; op < 21; op++) {
                int j = gather[op];
                Vec3 c = k.unproject(px[j][0], px[j][1], rel[j] + s.rootDepth(h));
                joints[3 * op] = c.x();
                joints[3 * op + 1] = c.y();
                joints[3 * op + 2] = c.z();
            }
            hands[h] = new HandPrediction(joints, null, p.handType()[h], null);
        }
        int r = Sample.RIGHT_ROOT;
        int l = Sample.LEFT_ROOT;
        Vec3 rightRoot = k.unproject(px[r][0], px[r][1], rel[r] + rightDepth);
        Vec3 leftRoot = k.unproject(px[l][0], px[l][1], rel[l] + rightDepth + relRoot);
        return new Prediction(Long.toString(s.annotationId()), hands[0], hands[1], leftRoot.minus(rightRoot));
    }

    /** Evaluates, writes {@code report.json} under {@code folder}, and returns the headline metrics in mm and %. */
    @Override
    public Map<String, Double> validate(InterNetModel model, int epoch, Path folder) {
        EvalReport report = evaluate(model);
        Map<String, String> provenance = new LinkedHashMap<>();
        provenance.put("model", model.source());
        provenance.put("epoch", Integer.toString(epoch));
        provenance.put("ambidex", BuildInfo.current().version());
        ReportJson.write(folder.resolve("report.json"), report, provenance);
        return headline(report);
    }

    /** MPJPE (all, single, interacting), MRRPE in mm, handedness accuracy in %. */
    public static Map<String, Double> headline(EvalReport report) {
        Map<String, Double> m = new LinkedHashMap<>();
        EvalReport.MetricTable t = report.table("mpjpe");
        m.put("mpjpe_all_mm", 1000 * t.value(Split.ALL, HandColumn.BOTH));
        m.put("mpjpe_single_mm", 1000 * t.value(Split.SINGLE, HandColumn.BOTH));
        m.put("mpjpe_interacting_mm", 1000 * t.value(Split.INTERACTING, HandColumn.BOTH));
        m.put("mrrpe_mm", 1000 * report.scalar("mrrpe").value());
        m.put("handedness_pct", 100 * report.scalar("handedness_accuracy").value());
        return m;
    }
}
