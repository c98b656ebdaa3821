package org.ambidex.pipeline;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ambidex.core.BuildInfo;
import org.ambidex.core.Progress;
import org.ambidex.data.Sample;
import org.ambidex.eval.EvalReport;
import org.ambidex.eval.Evaluator;
import org.ambidex.eval.GroundTruthSample;
import org.ambidex.eval.HandColumn;
import org.ambidex.eval.InterHandGroundTruth;
import org.ambidex.eval.InterHandProtocol;
import org.ambidex.eval.PckThresholds;
import org.ambidex.eval.Prediction;
import org.ambidex.eval.ReportJson;
import org.ambidex.eval.Split;
import org.ambidex.nets.InterNetModel;
import org.ambidex.train.internet.InterNetValidator;

/**
 * Evaluates an InterNet on annotated InterHand2.6M-format samples under the {@code interhand} protocol, through
 * the same path as {@code ambidex predict} ({@link SamplePredictor}, {@link InterNetReconstructor}), decoding the
 * network's outputs as the official {@code Dataset.evaluate} does (SEED_SPEC B.4, C.1) with ground-truth boxes and
 * root depths ({@code trans_test='gt'}):
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
     * at its annotated root depths as InterNet's evaluation does; {@code progress} steps once per sample.
     */
    public List<Prediction> predict(InterNetModel model, Progress progress) {
        // The model may be in training: the reconstructor borrows it and leaves it open.
        try (InterNetReconstructor r = new InterNetReconstructor(model, InterNetArchitecture.NAME + ":"
            + model.source(), false)) {
            return new SamplePredictor(batchSize).predict(r, samples, progress);
        }
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
