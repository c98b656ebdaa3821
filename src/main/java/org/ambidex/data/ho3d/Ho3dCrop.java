package org.ambidex.data.ho3d;

import java.awt.image.BufferedImage;
import org.ambidex.data.crop.PillowResizedCrop;
import org.ambidex.geom.Intrinsics;

/**
 * S2HAND's crop of an HO-3D frame (the {@code HO3D} branch of {@code HandDataset.get_sample} in
 * {@code examples/data/dataset.py}), in the reference's float32 arithmetic: about the midpoint of the hand's
 * points (training: the annotated joints projected; evaluation: the corners of {@code handBoundingBox}), moved by
 * the reference's centre noise; the side is four times the larger distance from that centre to the points' extent
 * (clamped to the 640 x 480 image, widened by 10 pixels), kept within 50..640 pixels, shrunk by at most 10 times,
 * then divided by the reference's scale noise; the image is cut by torchvision's {@code resized_crop}
 * ({@link PillowResizedCrop}) to 224 x 224, and the camera and keypoints follow the (unrounded) centre and scale.
 *
 * <p>The reference draws both noises for every sample, in training and in evaluation: the centre moves by
 * {@code 5 * randn(2)} pixels and the scale is multiplied by {@code 0.9 - 0.1 * rand()}, uniform in (0.8, 0.9].
 * {@link #centred} takes no centre noise and the middle of that scale range, {@value #MEAN_SCALE_NOISE}.
 *
 * @param centreX crop centre, pixels of the frame ({@code crop_center} after noise)
 * @param centreY crop centre, pixels of the frame
 * @param scale crop pixels per frame pixel ({@code scale})
 * @param side the crop's side in frame pixels ({@code crop_size_scales} = 224 / scale)
 */
public record Ho3dCrop(float centreX, float centreY, float scale, float side) {

    /** The crop's side, pixels ({@code inp_res1}). */
    public static final int SIZE = 224;
    /** The frame's size, pixels, which the reference's crop assumes. */
    public static final int FRAME_WIDTH = 640;
    public static final int FRAME_HEIGHT = 480;
    /** The middle of the reference's scale noise, (0.8, 0.9]. */
    public static final float MEAN_SCALE_NOISE = 0.85f;
    private static final float HALF = SIZE / 2;

    /**
     * The crop about packed {@code u, v} points (pixels of the 640 x 480 frame, float32 as the reference holds them),
     * with the reference's noises: {@code noiseX, noiseY} pixels added to the centre, {@code scaleNoise} multiplying
     * the scale.
     */
    public static Ho3dCrop about(float[] uv, float noiseX, float noiseY, float scaleNoise) {
        if (uv.length < 2 || uv.length % 2 != 0) {
            throw new IllegalArgumentException("expected packed u, v points, got " + uv.length + " values");
        }
        float minU = Float.POSITIVE_INFINITY;
        float minV = Float.POSITIVE_INFINITY;
        float maxU = Float.NEGATIVE_INFINITY;
        float maxV = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < uv.length; i += 2) {
            minU = Math.min(minU, uv[i]);
            maxU = Math.max(maxU, uv[i]);
            minV = Math.min(minV, uv[i + 1]);
            maxV = Math.max(maxV, uv[i + 1]);
        }
        float cx = (maxU + minU) / 2 + noiseX;
        float cy = (maxV + minV) / 2 + noiseY;
        float lowU = Math.max(minU, 0f) - 10f;
        float lowV = Math.max(minV, 0f) - 10f;
        float highU = Math.min(maxU, FRAME_WIDTH) + 10f;
        float highV = Math.min(maxV, FRAME_HEIGHT) + 10f;
        float best = Math.max(4f * Math.max(highU - cx, cx - lowU), 4f * Math.max(highV - cy, cy - lowV));
        best = Math.min(Math.max(best, 50f), FRAME_WIDTH);
        // PyTorch divides a number by a tensor as the tensor's reciprocal times the number, rounded twice.
        float scale = Math.min(1f / best * SIZE, 10f) * scaleNoise;
        return new Ho3dCrop(cx, cy, scale, 1f / scale * SIZE);
    }

    /** The crop about {@code uv} without centre noise, at the middle of the reference's scale noise. */
    public static Ho3dCrop centred(float[] uv) {
        return about(uv, 0f, 0f, MEAN_SCALE_NOISE);
    }

    /**
     * The points S2HAND crops a frame about, float32 pixels: the evaluation split's bounding-box corners
     * {@code (x1, y1), (x2, y2)}, otherwise the 21 joints projected with {@code camMat} as the reference's
     * {@code proj_func} does in float32.
     */
    public static float[] referencePoints(Ho3dSample sample) {
        double[] box = sample.boundingBox();
        if (box != null) {
            return new float[] {(float) box[0], (float) box[1], (float) box[2], (float) box[3]};
        }
        double[] joints = sample.joints();
        if (joints == null) {
            throw new IllegalArgumentException(sample.name() + " has neither joints nor a bounding box");
        }
        Intrinsics k = sample.intrinsics();
        float fx = (float) k.fx();
        float fy = (float) k.fy();
        float px = (float) k.cx();
        float py = (float) k.cy();
        float[] uv = new float[joints.length / 3 * 2];
        for (int j = 0; j < joints.length / 3; j++) {
            // The reference projects HO-3D's OpenGL points with camMat . diag(1, -1, -1): the same numbers.
            float x = (float) joints[3 * j];
            float y = (float) joints[3 * j + 1];
            float z = (float) joints[3 * j + 2];
            uv[2 * j] = (fx * x + px * z) / z;
            uv[2 * j + 1] = (fy * y + py * z) / z;
        }
        return uv;
    }

    /** The frame's camera {@code k} as the crop's ({@code K_crop} after S2HAND's sign fix), pixels of the crop. */
    public Intrinsics intrinsics(Intrinsics k) {
        float t1 = centreX * scale - HALF;
        float t2 = centreY * scale - HALF;
        return new Intrinsics(scale * (float) k.fx(), scale * (float) k.fy(), scale * (float) k.cx() - t1,
            scale * (float) k.cy() - t2);
    }

    /** Packed {@code u, v} frame pixels in the crop's pixels: {@code (p - centre) * scale + 112}, float32. */
    public double[] toCrop(double[] uv) {
        double[] out = new double[uv.length];
        for (int i = 0; i < uv.length; i += 2) {
            out[i] = ((float) uv[i] - centreX) * scale + HALF;
            out[i + 1] = ((float) uv[i + 1] - centreY) * scale + HALF;
        }
        return out;
    }

    /** The whole-pixel box {@code x0, y0, x1, y1} of the frame that the crop's image covers. */
    public int[] pixelBox() {
        float half = (float) Math.floor(side / 2);
        return PillowResizedCrop.box(centreX - half, centreY - half, side, side);
    }

    /** The crop's 224 x 224 image out of the frame {@code image}. */
    public BufferedImage image(BufferedImage image) {
        return PillowResizedCrop.apply(image, pixelBox(), SIZE, SIZE);
    }
}
