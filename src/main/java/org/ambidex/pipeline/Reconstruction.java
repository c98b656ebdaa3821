package org.ambidex.pipeline;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.ambidex.data.Bbox;
import org.ambidex.geom.Intrinsics;
import org.ambidex.geom.Vec3;
import org.ambidex.hand.HandSide;

/**
 * The hands reconstructed from one image. Two-hand networks give both hands always, right then left, each with its
 * presence; a hand finder gives the hands it found (none, one, or more), most present first. Lengths in metres,
 * image coordinates in pixels (pixel centres at integers), camera frame as OpenCV's (x right, y down, z forward).
 *
 * @param model the model that produced it, as {@code ARCH:PATH} (or {@code ARCH:(built-in default)})
 * @param imageWidth image width, pixels
 * @param imageHeight image height, pixels
 * @param bbox the box given (or the hands' box the model found and cropped about), or the whole image
 * @param cropBox the image region the network saw (square), pixels
 * @param hands the hands: for two-hand networks right then left, a hand that is not present still carrying the
 *     model's guess, marked by its presence; for hand finders the hands found
 * @param intrinsics the camera the hands are placed with, or {@code null} (a joints-only model without one)
 * @param intrinsicsSource {@code GIVEN} or {@code ASSUMED}; {@code null} with {@code intrinsics}
 * @param rootDepth camera Z of the right wrist (of the left when only the left hand is present), metres, or
 *     {@code null} when the hands are not placed in the camera
 * @param rootDepthSource {@code GIVEN} or {@code ESTIMATED}; {@code null} with {@code rootDepth}
 * @param relativeRootDepth the model's estimate of the left wrist's depth minus the right wrist's, metres, or
 *     {@code null} when it has none (a hand finder that found fewer than a right and a left hand)
 * @param relativeRoot the model's estimate of the left wrist minus the right wrist in the camera frame, metres
 *     (what MRRPE scores), whatever the presences; {@code null} when the hands are not placed in the camera or the
 *     model has no estimate. When both hands are present, their camera-frame joints are consistent with it.
 * @param note a sentence for the reader (e.g. that no hand was found), or {@code null}
 */
public record Reconstruction(String model, int imageWidth, int imageHeight, Bbox bbox, Bbox cropBox,
                             List<HandReconstruction> hands, Intrinsics intrinsics, ValueSource intrinsicsSource,
                             Double rootDepth, ValueSource rootDepthSource, Double relativeRootDepth,
                             Vec3 relativeRoot, String note) {

    public Reconstruction {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(bbox, "bbox");
        Objects.requireNonNull(cropBox, "cropBox");
        hands = List.copyOf(hands);
        if ((intrinsics == null) != (intrinsicsSource == null) || (rootDepth == null) != (rootDepthSource == null)) {
            throw new IllegalArgumentException("intrinsics and root depth each go with their source");
        }
    }

    /** A reconstruction of exactly the right and the left hand (a two-hand network's), without a note. */
    public Reconstruction(String model, int imageWidth, int imageHeight, Bbox bbox, Bbox cropBox,
                          List<HandReconstruction> hands, Intrinsics intrinsics, ValueSource intrinsicsSource,
                          Double rootDepth, ValueSource rootDepthSource, double relativeRootDepth, Vec3 relativeRoot) {
        this(model, imageWidth, imageHeight, bbox, cropBox, hands, intrinsics, intrinsicsSource, rootDepth,
            rootDepthSource, (Double) relativeRootDepth, relativeRoot, null);
        if (hands.size() != 2 || hands.get(0).side() != HandSide.RIGHT || hands.get(1).side() != HandSide.LEFT) {
            throw new IllegalArgumentException("a two-hand reconstruction holds the right and then the left hand");
        }
    }

    /** The most present hand of {@code side}, if any. */
    public Optional<HandReconstruction> hand(HandSide side) {
        return mostPresent(hands, side);
    }

    /** The most present hand of {@code side} among {@code hands}, if any. */
    static Optional<HandReconstruction> mostPresent(List<HandReconstruction> hands, HandSide side) {
        return hands.stream().filter(h -> h.side() == side).max(Comparator.comparingDouble(HandReconstruction::presence));
    }

    /** The most present right hand, or {@code null}. */
    public HandReconstruction right() {
        return hand(HandSide.RIGHT).orElse(null);
    }

    /** The most present left hand, or {@code null}. */
    public HandReconstruction left() {
        return hand(HandSide.LEFT).orElse(null);
    }

    /** Whether the hands are placed in the camera frame (every hand has camera-frame joints). */
    public boolean metric() {
        return hands.stream().allMatch(h -> h.jointsCamera() != null);
    }
}
