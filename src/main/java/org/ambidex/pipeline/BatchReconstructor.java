package org.ambidex.pipeline;

import java.awt.image.BufferedImage;
import java.util.List;

/**
 * A {@link Reconstructor} whose network runs a batch in one forward pass: a single image is a batch of one, so
 * single and batched calls share one path.
 */
abstract class BatchReconstructor implements Reconstructor {

    @Override
    public final Reconstruction reconstruct(BufferedImage image, ReconstructionRequest request) {
        return reconstruct(List.of(image), List.of(request)).get(0);
    }

    @Override
    public final List<Reconstruction> reconstruct(List<BufferedImage> images, List<ReconstructionRequest> requests) {
        if (images.size() != requests.size()) {
            throw new IllegalArgumentException(images.size() + " images but " + requests.size() + " requests");
        }
        return images.isEmpty() ? List.of() : reconstructBatch(images, requests);
    }

    /** Reconstructs a non-empty batch, one request per image (sizes checked). */
    abstract List<Reconstruction> reconstructBatch(List<BufferedImage> images, List<ReconstructionRequest> requests);
}
