package org.ambidex.pipeline;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ambidex.core.BuildInfo;
import org.ambidex.core.Progress;
import org.ambidex.data.Sample;
import org.ambidex.data.crop.FloatImage;
import org.ambidex.data.crop.SquareCrop;
import org.ambidex.eval.EvalReport;
import org.ambidex.eval.Evaluator;
import org.ambidex.eval.GroundTruthSample;
import org.ambidex.eval.HandColumn;
import org.ambidex.eval.HandPrediction;
import org.ambidex.eval.IntagHandProtocol;
import org.ambidex.eval.InterHandGroundTruth;
import org.ambidex.eval.InterHandProtocol;
import org.ambidex.eval.PckThresholds;
import org.ambidex.eval.Prediction;
import org.ambidex.eval.ReportJson;
import org.ambidex.eval.Split;
import org.ambidex.geom.Intrinsics;
import org.ambidex.geom.Vec3;
import org.ambidex.io.image.Images;
import org.ambidex.nets.twohand.CameraPlacement;
import org.ambidex.nets.twohand.InputNormalisation;
import org.ambidex.nets.twohand.TwoHandModel;
import org.ambidex.nets.twohand.TwoHandPrediction;
import org.ambidex.train.twohand.TwoHandValidator;

/**
 * Evaluates the two-hand network on annotated InterHand2.6M-format samples under the {@code interhand} and
 * {@code intaghand} protocols. Each sample is cropped about its annotation box ({@link SquareCrop#around}); the
 * hands are placed in the camera frame from the weak-perspective cameras ({@link CameraPlacement}), both hands
 * always predicted with their presence probabilities, and the predicted left-minus-right placement given as the
 * relative root (MRRPE).
 */
public final class TwoHandValidation implements TwoHandValidator {

    private final List<Sample> samples;
    private final int batchSize;

    public TwoHandValidation(List<Sample> samples, int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be positive");
        }
        this.samples = samples;
        this.batchSize = batchSize;
    }

    /** The predictions of {@code model} for the samples, in order. */
    public List<Prediction> predict(TwoHandModel model) {
        return predict(model, Progress.silent());
    }

    /** The predictions of {@code model} for the samples, in order; {@code progress} steps once per sample. */
    public List<Prediction> predict(TwoHandModel model, Progress progress) {
        List<Prediction> predictions = new ArrayList<>(samples.size());
        int size = model.config().inputSize();
        for (int start = 0; start < samples.size(); start += batchSize) {
            int n = Math.min(batchSize, samples.size() - start);
            float[] input = new float[n * 3 * size * size];
            for (int i = 0; i < n; i++) {
                Sample s = samples.get(start + i);
                FloatImage crop = SquareCrop.around(s.bbox()).apply(FloatImage.ofRgb(Images.read(s.image())), size);
                InputNormalisation.apply(crop.toArray(), size, model.config(), input, i * 3 * size * size);
            }
            List<TwoHandPrediction> out = model.predict(input, n);
            for (int i = 0; i < n; i++) {
                Sample s = samples.get(start + i);
                Intrinsics k = SquareCrop.around(s.bbox()).inputIntrinsics(s.camera().intrinsics(), size);
                predictions.add(toPrediction(Long.toString(s.annotationId()), out.get(i), k, size, null));
            }
            progress.stepBy(n);
        }
        return predictions;
    }

    /**
     * One prediction in the camera frame.
     *
     * @param inputIntrinsics intrinsics of the network input
     * @param toImage maps input pixels to image pixels for the 2-D joints, or null to leave them out
     */
    static Prediction toPrediction(String id, TwoHandPrediction p, Intrinsics inputIntrinsics, int size,
                                   org.ambidex.geom.Affine2 toImage) {
        HandPrediction[] hands = new HandPrediction[2];
        for (int h = 0; h < 2; h++) {
            Vec3 root = CameraPlacement.root(p, h, inputIntrinsics, size);
            double[] joints2d = null;
            if (toImage != null) {
                joints2d = new double[42];
                for (int j = 0; j < 21; j++) {
                    double[] q = toImage.apply(p.uv()[h][2 * j], p.uv()[h][2 * j + 1]);
                    joints2d[2 * j] = q[0];
                    joints2d[2 * j + 1] = q[1];
                }
            }
            hands[h] = new HandPrediction(CameraPlacement.translated(p.joints()[h], root),
                CameraPlacement.translated(p.vertices()[h], root), p.presence()[h], joints2d);
        }
        return new Prediction(id, hands[0], hands[1], new Vec3(p.offset()[0], p.offset()[1], p.offset()[2]));
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
