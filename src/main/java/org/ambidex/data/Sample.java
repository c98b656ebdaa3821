package org.ambidex.data;

import java.nio.file.Path;
import java.util.Objects;
import org.ambidex.geom.Camera;
import org.ambidex.geom.Vec3;

/**
 * One annotated image of a hand dataset, in the InterHand2.6M joint order (SEED_SPEC A.6: per hand the tip
 * first and the wrist last; joints 0-20 right hand, 21-41 left hand). Every dataset reader produces it.
 *
 * <p>Arrays are copied in and out; the per-element accessors ({@link #jointCam(int)}, {@link #u(int)},
 * {@link #valid(int)}) do not copy.
 *
 * @param image the image file
 * @param split the split the sample came from ({@code train}, {@code val}, {@code test})
 * @param capture capture number
 * @param sequence sequence name ({@code seq_name})
 * @param cameraId camera id, a string as in the annotation files
 * @param frame frame number
 * @param imageId the COCO image id
 * @param annotationId the COCO annotation id (RootNet outputs are keyed by it)
 * @param width image width, pixels
 * @param height image height, pixels
 * @param camera intrinsics (pixels) and world-to-camera extrinsics (translation in metres)
 * @param jointsCam 42 x 3 joint positions in the camera frame, metres, row-major
 * @param jointsPx 42 x 2 pixel positions {@code (u, v)} of the joints, row-major
 * @param jointValid 42 validity flags, with every joint of a hand masked by that hand's wrist validity
 * @param handType which hands the annotation covers
 * @param handTypeValid whether the hand type label is trustworthy
 * @param bbox the annotation box, pixels, as in the file (not enlarged)
 * @param manoWorld the MANO parameters as in the dataset (world root orientation, world translation in metres)
 * @param manoCamera the same converted to the camera frame (SEED_SPEC A.8 method 2), or {@code null} when the
 *     reader was given no hand model to convert them with
 * @param rootNet the RootNet estimate for this annotation, or {@code null}
 */
public record Sample(Path image, String split, int capture, String sequence, String cameraId, int frame,
                     long imageId, long annotationId, int width, int height, Camera camera,
                     double[] jointsCam, double[] jointsPx, boolean[] jointValid, HandType handType,
                     boolean handTypeValid, Bbox bbox, ManoPair manoWorld, ManoPair manoCamera,
                     RootNetEstimate rootNet) {

    /** Joints per hand. */
    public static final int HAND_JOINTS = 21;
    /** Joints of both hands. */
    public static final int JOINTS = 42;
    /** Index of the right wrist (the right hand's root). */
    public static final int RIGHT_ROOT = 20;
    /** Index of the left wrist (the left hand's root). */
    public static final int LEFT_ROOT = 41;

    public Sample {
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(cameraId, "cameraId");
        Objects.requireNonNull(camera, "camera");
        Objects.requireNonNull(handType, "handType");
        Objects.requireNonNull(manoWorld, "manoWorld");
        if (jointsCam.length != JOINTS * 3 || jointsPx.length != JOINTS * 2 || jointValid.length != JOINTS) {
            throw new IllegalArgumentException("a sample needs 42x3 camera joints, 42x2 pixel joints and 42 flags");
        }
        jointsCam = jointsCam.clone();
        jointsPx = jointsPx.clone();
        jointValid = jointValid.clone();
    }

    /** 42 x 3 camera-frame joints, metres (a copy). */
    @Override
    public double[] jointsCam() {
        return jointsCam.clone();
    }

    /** 42 x 2 pixel joints (a copy). */
    @Override
    public double[] jointsPx() {
        return jointsPx.clone();
    }

    /** 42 validity flags (a copy). */
    @Override
    public boolean[] jointValid() {
        return jointValid.clone();
    }

    /** Joint {@code j} in the camera frame, metres. */
    public Vec3 jointCam(int j) {
        return Vec3.of(jointsCam, 3 * j);
    }

    /** Pixel column of joint {@code j}. */
    public double u(int j) {
        return jointsPx[2 * j];
    }

    /** Pixel row of joint {@code j}. */
    public double v(int j) {
        return jointsPx[2 * j + 1];
    }

    public boolean valid(int j) {
        return jointValid[j];
    }

    /** The first joint index of hand {@code hand} (0 = right, 1 = left). */
    public static int handOffset(int hand) {
        return hand * HAND_JOINTS;
    }

    /** The root (wrist) joint index of hand {@code hand}. */
    public static int rootIndex(int hand) {
        return hand == 0 ? RIGHT_ROOT : LEFT_ROOT;
    }

    /** Ground-truth absolute root depth of hand {@code hand}, metres. */
    public double rootDepth(int hand) {
        return jointsCam[3 * rootIndex(hand) + 2];
    }
}
