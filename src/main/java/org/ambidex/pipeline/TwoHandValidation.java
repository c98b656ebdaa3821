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
import org.ambidex.eval.IntagHandProtocol;
import org.ambidex.eval.InterHandGroundTruth;
import org.ambidex.eval.InterHandProtocol;
import org.ambidex.eval.PckThresholds;
import org.ambidex.eval.Prediction;
import org.ambidex.eval.ReportJson;
import org.ambidex.eval.Split;
import org.ambidex.nets.twohand.TwoHandModel;
import org.ambidex.train.twohand.TwoHandValidator;

/**
 * Evaluates the two-hand network on annotated InterHand2.6M-format samples under the {@code interhand} and
 * {@code intaghand} protocols, through the same path as {@code ambidex predict} ({@link SamplePredictor},
 * {@link TwoHandReconstructor}): each sample cropped about its annotation box, both hands always predicted with their
 * presence probabilities, and the predicted left-minus-right placement given as the relative root (MRRPE).
 */
public final class TwoHandValidation implements TwoHandValidator {

    private final List<Sample> samples;
    private final int batchSize;
    private final String handModel;

    /**
     * @param samples the annotated samples
     * @param batchSize images per forward pass
     * @param handModel the hand model the network is trained with ({@code open}, a MANO folder)
     */
    public TwoHandValidation(List<Sample> samples, int batchSize, String handModel) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be positive");
        }
        this.samples = samples;
        this.batchSize = batchSize;
        this.handModel = handModel;
    }

    /** The predictions of {@code model} for the samples, in order. */
    public List<Prediction> predict(TwoHandModel model) {
        // The model is being trained: the reconstructor borrows it and leaves it open.
        try (TwoHandReconstructor r = new TwoHandReconstructor(model, TwoHandArchitecture.NAME + ":(training)",
            handModel, false)) {
            return new SamplePredictor(batchSize).predict(r, samples, Progress.silent());
        }
    }

    /** The ground truth of the samples, in order. */
    public List<GroundTruthSample> truth() {
        List<GroundTruthSample> truth = new ArrayList<>(samples.size());
        for (Sample s : samples) {
            truth.add(InterHandGroundTruth.of(s));
        }
        return truth;
    }

    @Override
    public Map<String, Double> validate(TwoHandModel model, int epoch, Path folder) {
        List<Prediction> predictions = predict(model);
        List<GroundTruthSample> truth = truth();
        EvalReport interhand = Evaluator.evaluate(new InterHandProtocol(PckThresholds.DEFAULT), truth, predictions);
        EvalReport intaghand = Evaluator.evaluate(new IntagHandProtocol(PckThresholds.DEFAULT, true), truth,
            predictions);
        Map<String, String> provenance = new LinkedHashMap<>();
        provenance.put("model", "twohand " + model.config());
        provenance.put("epoch", Integer.toString(epoch));
        provenance.put("ambidex", BuildInfo.current().version());
        ReportJson.write(folder.resolve("interhand.json"), interhand, provenance);
        ReportJson.write(folder.resolve("intaghand.json"), intaghand, provenance);
        return headline(interhand, intaghand);
    }

    /** MPJPE under both protocols, MRRPE in mm, handedness accuracy in %. */
    public static Map<String, Double> headline(EvalReport interhand, EvalReport intaghand) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("interhand_mpjpe_mm", 1000 * interhand.table("mpjpe").value(Split.ALL, HandColumn.BOTH));
        m.put("intaghand_mpjpe_mm", 1000 * intaghand.table("mpjpe").value(Split.ALL, HandColumn.BOTH));
        m.put("mrrpe_mm", 1000 * interhand.scalar("mrrpe").value());
        m.put("handedness_pct", 100 * interhand.scalar("handedness_accuracy").value());
        return m;
    }
}
