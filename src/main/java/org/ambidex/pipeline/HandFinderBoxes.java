package org.ambidex.pipeline;

import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Optional;
import org.ambidex.data.Bbox;
import org.ambidex.detect.DetectedHand;
import org.ambidex.detect.FinderOptions;
import org.ambidex.geom.Intrinsics;
import org.ambidex.geom.PointBounds;

/**
 * The real-photo hand finder of the default architecture ({@code mediapipe}), used by crop-based networks when
 * no box is given: it finds the hands in the whole photo and returns their landmarks, about which the network's
 * crop is taken. Opened on first use; close it to free the networks.
 */
final class HandFinderBoxes implements AutoCloseable {

    /** What a reconstruction's note says first when the finder saw no hand in the photo. */
    static final String NO_HAND = "no hand found in the image";

    private final FinderOptions options;
    private FinderNetworks networks;

    /** The finder as the default model runs it by default. */
    HandFinderBoxes() {
        this(FinderOptions.DEFAULT);
    }

    HandFinderBoxes(FinderOptions options) {
        this.options = options;
    }

    /** The hands the finder sees in {@code image}, most present first (none: empty). */
    List<DetectedHand> hands(BufferedImage image) {
        if (networks == null) {
            networks = new FinderNetworks(options);
        }
        return networks.finder().find(image);
    }

    /**
     * The image pixels {@code [u0, v0, u1, v1, ...]} of every landmark of every hand found in {@code image}, or empty
     * when the finder sees no hand (the caller reports it; nothing is cropped at random).
     */
    Optional<double[]> landmarks(BufferedImage image) {
        List<DetectedHand> found = hands(image);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        double[] uv = new double[found.size() * DetectedHand.JOINTS * 2];
        int k = 0;
        for (DetectedHand d : found) {
            for (double v : d.imageXy()) {
                uv[k++] = v;
            }
        }
        return Optional.of(uv);
    }

    /**
     * The box {@code [x, y, w, h]} spanned by every landmark of every hand found in {@code image} (the union of the
     * hands' extents, pixels), or empty when the finder sees no hand.
     */
    Optional<Bbox> handsBox(BufferedImage image) {
        return landmarks(image).map(HandFinderBoxes::extent);
    }

    /** The smallest box holding the pixel points {@code [u0, v0, u1, v1, ...]} (at least one). */
    static Bbox extent(double[] uv) {
        PointBounds b = PointBounds.of(uv);
        return new Bbox(b.minX(), b.minY(), b.width(), b.height());
    }

    /**
     * The note of a network that, the finder having seen no hand, ran on the whole photo as {@code how}: starts as
     * {@link #noHands}'s does.
     */
    static String wholeImageNote(String network, String how) {
        return NO_HAND + ", so " + network + " saw the whole image (" + how + "; give --bbox to crop about a region)";
    }

    /**
     * The reconstruction of a photo in which the finder saw no hand: no hands, and a note saying that
     * {@code network} was not run.
     */
    static Reconstruction noHands(String model, String network, int width, int height, Intrinsics k,
                                  ReconstructionRequest request) {
        Bbox whole = new Bbox(0, 0, width, height);
        return new Reconstruction(model, width, height, whole, whole, List.of(), k,
            request.intrinsics() == null ? ValueSource.ASSUMED : ValueSource.GIVEN, null, null, null, null,
            NO_HAND + ", so " + network + " was not run (give --bbox to crop about a region)");
    }

    @Override
    public void close() {
        if (networks != null) {
            networks.close();
        }
    }
}
