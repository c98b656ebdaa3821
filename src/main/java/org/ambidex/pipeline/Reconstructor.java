package org.ambidex.pipeline;

import java.awt.image.BufferedImage;

/** Reconstructs hands from images with one loaded model. Holds native memory: close it. */
public interface Reconstructor extends AutoCloseable {

    /** The model, as {@code ARCH:PATH}. */
    String model();

    /**
     * Reconstructs both hands from {@code image} (any type; read as RGB).
     *
     * @throws IllegalArgumentException when the request does not suit the model
     */
    Reconstruction reconstruct(BufferedImage image, ReconstructionRequest request);

    @Override
    void close();

    /** Opens the model {@code spec} names. */
    static Reconstructor open(ModelSpec spec) {
        return switch (spec.arch()) {
            case INTERNET -> InterNetReconstructor.open(spec);
            case TWOHAND -> TwoHandReconstructor.open(spec);
        };
    }
}
