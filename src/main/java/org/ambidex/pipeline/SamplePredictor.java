package org.ambidex.pipeline;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.ambidex.core.Progress;
import org.ambidex.data.Sample;
import org.ambidex.eval.Prediction;
import org.ambidex.io.image.Images;

/**
 * Runs a {@link Reconstructor} over annotated samples as its architecture's reference evaluates them
 * ({@link Architecture#evaluationRequest}), in batches, and gives the predictions {@code ambidex eval} scores. The
 * reconstructions go through the same path as {@code reconstruct}'s, so both commands give the same numbers.
 */
public final class SamplePredictor {

    private final int batchSize;

    /** @param batchSize images per forward pass, at least 1 */
    public SamplePredictor(int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be positive, got " + batchSize);
        }
        this.batchSize = batchSize;
    }

    /**
     * The predictions for {@code samples}, in order, identified by {@code id}; {@code progress} steps once per
     * sample.
     */
    public List<Prediction> predict(Reconstructor reconstructor, List<Sample> samples, Function<Sample, String> id,
                                    Progress progress) {
        Architecture arch = reconstructor.architecture();
        List<Prediction> predictions = new ArrayList<>(samples.size());
        for (int start = 0; start < samples.size(); start += batchSize) {
            List<Sample> batch = samples.subList(start, Math.min(samples.size(), start + batchSize));
            List<BufferedImage> images = new ArrayList<>(batch.size());
            List<ReconstructionRequest> requests = new ArrayList<>(batch.size());
            for (Sample s : batch) {
                images.add(Images.read(s.image()));
                requests.add(arch.evaluationRequest(s));
            }
            List<Reconstruction> out = reconstructor.reconstruct(images, requests);
            for (int i = 0; i < batch.size(); i++) {
                predictions.add(ReconstructionPrediction.of(id.apply(batch.get(i)), out.get(i)));
            }
            progress.stepBy(batch.size());
        }
        return predictions;
    }

    /** As {@link #predict(Reconstructor, List, Function, Progress)} with annotation ids as prediction ids. */
    public List<Prediction> predict(Reconstructor reconstructor, List<Sample> samples, Progress progress) {
        return predict(reconstructor, samples, s -> Long.toString(s.annotationId()), progress);
    }
}
