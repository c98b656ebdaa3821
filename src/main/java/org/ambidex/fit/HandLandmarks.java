package org.ambidex.fit;

import java.util.Objects;
import org.ambidex.hand.HandSide;
import org.ambidex.hand.JointOrder;

/**
 * One detected hand's landmarks, as a hand-keypoint network such as MediaPipe Hands gives them, in the canonical
 * {@link JointOrder#OPENPOSE} order (wrist; thumb CMC, MCP, IP, tip; index MCP, PIP, DIP, tip; middle; ring;
 * pinky). The arrays are copied when the value is made and belong to it: read them, do not modify them.
 *
 * @param side which hand (for MediaPipe on an ordinary, unmirrored photo: its "Left" label means the right hand)
 * @param world the 21 metric landmarks (21 x 3 packed, metres): camera-oriented axes (x right, y down, z away
 *     from the camera) around an arbitrary origin (MediaPipe: the hand's approximate centre)
 * @param image the 21 image landmarks (21 x 2 packed, pixels {@code u, v} in the photo the intrinsics describe)
 */
public record HandLandmarks(HandSide side, double[] world, double[] image) {

    /** Landmarks per hand. */
    public static final int COUNT = JointOrder.OPENPOSE.size();

    /**
     * @throws IllegalArgumentException when an array has the wrong length or holds a NaN or infinite value
     */
    public HandLandmarks {
        Objects.requireNonNull(side, "side");
        world = checked(world, 3, "world landmarks (x, y, z in metres)");
        image = checked(image, 2, "image landmarks (u, v in pixels)");
    }

    /**
     * Landmarks from MediaPipe's image landmarks as it gives them, (u, v, z) per landmark (21 x 3 packed, pixels);
     * the relative depth z is dropped: the world landmarks carry the hand's depth structure.
     */
    public static HandLandmarks fromUvz(HandSide side, double[] world, double[] imageUvz) {
        Objects.requireNonNull(imageUvz, "imageUvz");
        if (imageUvz.length != 3 * COUNT) {
            throw new IllegalArgumentException("image landmarks (u, v, z) need 21 x 3 = 63 values, got "
                + imageUvz.length);
        }
        double[] uv = new double[2 * COUNT];
        for (int i = 0; i < COUNT; i++) {
            uv[2 * i] = imageUvz[3 * i];
            uv[2 * i + 1] = imageUvz[3 * i + 1];
        }
        return new HandLandmarks(side, world, uv);
    }

    private static double[] checked(double[] values, int width, String what) {
        Objects.requireNonNull(values, what);
        if (values.length != width * COUNT) {
            throw new IllegalArgumentException(what + " need 21 x " + width + " = " + width * COUNT
                + " values in OpenPose order, got " + values.length);
        }
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw new IllegalArgumentException(what + ": landmark " + i / width + " ("
                    + JointOrder.OPENPOSE.joints().get(i / width) + ") holds " + values[i]);
            }
        }
        return values.clone();
    }
}
