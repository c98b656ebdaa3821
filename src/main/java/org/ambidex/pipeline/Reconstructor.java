package org.ambidex.pipeline;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.ambidex.core.BadInputException;
import org.ambidex.io.image.Images;

/**
 * Reconstructs hands from images with one loaded model. Open one with {@link #open(String)} (or
 * {@link #openDefault()}), reconstruct as many images as you like, and close it: it holds native memory. Not
 * thread-safe: use one per thread.
 *
 * <pre>{@code
 * try (Reconstructor reconstructor = Reconstructor.openDefault()) {
 *     Reconstruction r = reconstructor.reconstruct(Path.of("photo.jpg"), ReconstructionRequest.wholeImage());
 * }
 * }</pre>
 */
public interface Reconstructor extends AutoCloseable {

    /** The model, as {@code ARCH:PATH}. */
    String model();

    /** The model's architecture. */
    Architecture architecture();

    /**
     * Reconstructs both hands from {@code image} (any type; read as RGB).
     *
     * @throws IllegalArgumentException when the request does not suit the model (InterNet without a box)
     */
    Reconstruction reconstruct(BufferedImage image, ReconstructionRequest request);

    /**
     * Reconstructs several images in one forward pass where the model can (the results equal one-by-one calls).
     *
     * @param images the images, any type
     * @param requests one request per image
     */
    default List<Reconstruction> reconstruct(List<BufferedImage> images, List<ReconstructionRequest> requests) {
        if (images.size() != requests.size()) {
            throw new IllegalArgumentException(images.size() + " images but " + requests.size() + " requests");
        }
        List<Reconstruction> out = new ArrayList<>(images.size());
        for (int i = 0; i < images.size(); i++) {
            out.add(reconstruct(images.get(i), requests.get(i)));
        }
        return out;
    }

    /**
     * Reconstructs both hands from the image file {@code image} (JPEG, PNG, ...; EXIF orientation applied unless the
     * architecture's reference ignores it, {@link Architecture#appliesExifOrientation()}).
     *
     * @throws BadInputException when the file is not a readable image or the request does not suit the model,
     *     naming the file
     */
    default Reconstruction reconstruct(Path image, ReconstructionRequest request) {
        BufferedImage picture = Images.read(image, architecture().appliesExifOrientation());
        try {
            return reconstruct(picture, request);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(image, e.getMessage(), e);
        }
    }

    @Override
    void close();

    /** Opens the model {@code spec} names, with the default options. */
    static Reconstructor open(ModelSpec spec) {
        return open(spec, ReconstructorOptions.DEFAULT);
    }

    /** Opens the model {@code spec} names with {@code options}. */
    static Reconstructor open(ModelSpec spec, ReconstructorOptions options) {
        return spec.architecture().open(spec, options);
    }

    /**
     * Opens the model named {@code ARCH:PATH} (or {@code ARCH} for built-in weights), e.g.
     * {@code internet:snapshot_20.pth.tar}.
     *
     * @throws BadInputException when the name or the file is not a model ambidex can run
     */
    static Reconstructor open(String model) {
        ModelSpec spec;
        try {
            spec = ModelSpec.parse(model);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(e.getMessage());
        }
        return open(spec);
    }

    /** Opens the model ambidex uses when none is named (built into the jar). */
    static Reconstructor openDefault() {
        return open(ModelSpec.defaultModel());
    }
}
