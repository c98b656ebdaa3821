package org.ambidex.eval;

import java.util.Objects;
import org.ambidex.hand.HandSide;

/**
 * The 2-D ground truth of one hand instance, as mmpose's hand datasets hold it for evaluation: float32 pixel
 * coordinates of the original image, a visibility mask and the size of the box PCK is normalised by.
 *
 * @param id the instance id predictions answer (see {@link org.ambidex.data.coco.CocoHandInstance#id()})
 * @param side the annotated side, or null when the set does not annotate it
 * @param keypoints 21 x 2 packed {@code [u, v]} pixels, float32, OpenPose order
 * @param visible 21 flags: the keypoint counts (visibility flag non-zero, mmpose's {@code keypoints_visible} mask)
 * @param boxSize PCKAccuracy's {@code bbox_size}: {@code max(x2 - x1, y2 - y1)} of the instance's box corners,
 *     float32 pixels
 * @param leftOut why mmpose's dataset leaves the instance out, or null when it is evaluated
 */
public record HandKeypointTruth(String id, HandSide side, float[] keypoints, boolean[] visible, float boxSize,
                                LeftOut leftOut) {

    /** Keypoints per hand. */
    public static final int KEYPOINTS = Hands.JOINTS;

    /** Why an instance is not evaluated: mmpose's {@code BaseCocoStyleDataset._is_valid_instance}, in its order. */
    public enum LeftOut {
        /** A crowd annotation ({@code iscrowd}). */
        CROWD("crowd annotations"),
        /** {@code num_keypoints} is 0, or no keypoint coordinate is above 0. */
        NO_KEYPOINTS("no labelled keypoint (num_keypoints 0, or no coordinate above 0)"),
        /** The box corners enclose no area ({@code x2 - x1 <= 0} or {@code y2 - y1 <= 0}). */
        EMPTY_BOX("box without area (width or height <= 0 after mmpose's corner conversion)");

        private final String text;

        LeftOut(String text) {
            this.text = text;
        }

        /** What the reason means, for reports. */
        public String text() {
            return text;
        }
    }

    public HandKeypointTruth {
        Objects.requireNonNull(id, "id");
        if (keypoints.length != 2 * KEYPOINTS || visible.length != KEYPOINTS) {
            throw new IllegalArgumentException("a hand instance needs 21 x 2 keypoints and 21 flags, got "
                + keypoints.length + " and " + visible.length);
        }
        if (leftOut == null && !(boxSize > 0 && Float.isFinite(boxSize))) {
            throw new IllegalArgumentException("instance " + id + ": an evaluated instance needs a box size above 0, "
                + "got " + boxSize);
        }
        keypoints = keypoints.clone();
        visible = visible.clone();
    }

    @Override
    public float[] keypoints() {
        return keypoints.clone();
    }

    @Override
    public boolean[] visible() {
        return visible.clone();
    }

    float[] keypointsView() {
        return keypoints;
    }

    boolean visible(int keypoint) {
        return visible[keypoint];
    }
}
