package org.ambidex.data.coco;

import java.util.Objects;
import org.ambidex.hand.HandSide;

/**
 * One annotated hand, as the file gives it (no filtering beyond COCO-WholeBody's {@code *_valid} flags).
 *
 * @param id the instance id predictions answer: the annotation id, followed for COCO-WholeBody by {@code /left} or
 *     {@code /right} (e.g. {@code 12345/right})
 * @param annotationId the annotation's {@code id}
 * @param side the hand's side (COCO-WholeBody), or null when the file does not say (plain files)
 * @param format the layout it was read from
 * @param image the image it is in
 * @param box {@code [x, y, w, h]} pixels, as written ({@code bbox}, {@code lefthand_box}, {@code righthand_box})
 * @param keypoints 21 x 2 packed {@code [u, v]} pixels, OpenPose order
 * @param visibility 21 visibility flags as written (COCO: 0 not labelled, 1 labelled but hidden, 2 visible)
 * @param crowd the annotation's {@code iscrowd} flag (0 when absent)
 * @param numKeypoints the annotation's {@code num_keypoints}, or -1 when absent (always -1 for COCO-WholeBody
 *     hands, whose {@code num_keypoints} counts body keypoints)
 */
public record CocoHandInstance(String id, long annotationId, HandSide side, CocoHandFormat format, CocoImage image,
                               double[] box, double[] keypoints, double[] visibility, boolean crowd,
                               int numKeypoints) {

    /** Keypoints per hand. */
    public static final int KEYPOINTS = 21;

    public CocoHandInstance {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(image, "image");
        if (box.length != 4 || keypoints.length != 2 * KEYPOINTS || visibility.length != KEYPOINTS) {
            throw new IllegalArgumentException("a hand instance needs a 4-value box, 21 x 2 keypoints and 21 flags, got "
                + box.length + ", " + keypoints.length + ", " + visibility.length);
        }
        box = box.clone();
        keypoints = keypoints.clone();
        visibility = visibility.clone();
    }

    @Override
    public double[] box() {
        return box.clone();
    }

    @Override
    public double[] keypoints() {
        return keypoints.clone();
    }

    @Override
    public double[] visibility() {
        return visibility.clone();
    }
}
