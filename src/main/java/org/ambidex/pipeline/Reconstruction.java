package org.ambidex.pipeline;

import java.util.List;
import java.util.Objects;
import org.ambidex.data.Bbox;
import org.ambidex.geom.Intrinsics;
import org.ambidex.geom.Vec3;

/**
 * Both hands reconstructed from one image: index 0 the right hand, 1 the left. Lengths in metres, image
 * coordinates in pixels (pixel centres at integers), camera frame as OpenCV's (x right, y down, z forward).
 *
 * @param model the model that produced it, as {@code ARCH:PATH} (or {@code ARCH:(built-in default)})
 * @param imageWidth image width, pixels
 * @param imageHeight image height, pixels
 * @param bbox the box given, or the whole image when none was
 * @param cropBox the image region the network saw (square), pixels
 * @param hands right, then left; a hand that is not present still carries the model's guess, marked by its presence
 * @param intrinsics the camera the hands are placed with, or {@code null} (a joints-only model without one)
 * @param intrinsicsSource {@code GIVEN} or {@code ASSUMED}; {@code null} with {@code intrinsics}
 * @param rootDepth camera Z of the right wrist (of the left when only the left hand is present), metres, or
 *     {@code null} when the hands are not placed in the camera
 * @param rootDepthSource {@code GIVEN} or {@code ESTIMATED}; {@code null} with {@code rootDepth}
 * @param relativeRootDepth the model's estimate of the left wrist's depth minus the right wrist's, metres
 * @param relativeRoot the model's estimate of the left wrist minus the right wrist in the camera frame, metres
 *     (what MRRPE scores), whatever the presences; {@code null} when the hands are not placed in the camera. When
 *     both hands are present, their camera-frame joints are placed consistently with it.
 */
public record Reconstruction(String model, int imageWidth, int imageHeight, Bbox bbox, Bbox cropBox,
                             List<HandReconstruction> hands, Intrinsics intrinsics, ValueSource intrinsicsSource,
                             Double rootDepth, ValueSource rootDepthSource, double relativeRootDepth,
                             Vec3 relativeRoot) {

    public Reconstruction {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(bbox, "bbox");
        Objects.requireNonNull(cropBox, "cropBox");
        hands = List.copyOf(hands);
        if (hands.size() != 2 || hands.get(0).side().index() != 0 || hands.get(1).side().index() != 1) {
            throw new IllegalArgumentException("a reconstruction holds the right and then the left hand");
        }
        if ((intrinsics == null) != (intrinsicsSource == null) || (rootDepth == null) != (rootDepthSource == null)) {
            throw new IllegalArgumentException("intrinsics and root depth each go with their source");
        }
    }

    public HandReconstruction right() {
        return hands.get(0);
    }

    public HandReconstruction left() {
        return hands.get(1);
    }

    /** Whether the hands are placed in the camera frame (every hand has camera-frame joints). */
    public boolean metric() {
        return hands.stream().allMatch(h -> h.jointsCamera() != null);
    }

    /** Whether every hand carries a mesh (a mesh model's reconstruction). */
    public boolean hasMeshes() {
        return hands.stream().allMatch(h -> h.mesh() != null);
    }
}
