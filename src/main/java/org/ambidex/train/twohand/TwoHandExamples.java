package org.ambidex.train.twohand;

import java.util.SplittableRandom;
import org.ambidex.data.ManoParams;
import org.ambidex.data.Sample;
import org.ambidex.data.crop.FloatImage;
import org.ambidex.data.crop.SquareCrop;
import org.ambidex.geom.Affine2;
import org.ambidex.hand.HandSide;
import org.ambidex.hand.JointOrder;
import org.ambidex.nets.twohand.TwoHandConfig;
import org.ambidex.nets.twohand.InputNormalisation;

/**
 * Makes {@link TwoHandExample}s from InterHand2.6M-format samples: the crop is the square about the annotation
 * box ({@link SquareCrop#around}), jittered in scale and position when augmenting; the targets are the
 * annotation's camera-frame joints (root-relative), their positions in the crop and the camera-frame hand-model
 * parameters. Jitter moves only the crop, so every 3-D target is unchanged by it.
 */
public final class TwoHandExamples {

    /** Scale jitter: the crop side varies by up to this fraction. */
    public static final double SCALE_JITTER = 0.1;
    /** Position jitter: the crop moves by up to this fraction of its side along each axis. */
    public static final double SHIFT_JITTER = 0.08;

    private TwoHandExamples() {
    }

    /**
     * The example of {@code sample} whose image is {@code image} (RGB, 0..255); {@code random} draws the jitter,
     * or null for the plain crop.
     */
    public static TwoHandExample make(Sample sample, FloatImage image, TwoHandConfig config, SplittableRandom random) {
        SquareCrop crop = SquareCrop.around(sample.bbox());
        if (random != null) {
            crop = crop.jittered(random, SCALE_JITTER, SHIFT_JITTER);
        }
        int s = config.inputSize();
        float[] input = InputNormalisation.apply(crop.apply(image, s).toArray(), s, config, new float[3 * s * s], 0);
        Affine2 toInput = crop.toInput(s);
        double[] cam = sample.jointsCam();
        float[] present = new float[2];
        float[] joints = new float[2 * 63];
        float[] valid = new float[2 * 21];
        float[] uv = new float[2 * 42];
        float[] rootPose = new float[6];
        float[] fingerPose = new float[90];
        float[] betas = new float[20];
        float[] manoValid = new float[2];
        for (int h = 0; h < 2; h++) {
            present[h] = sample.handType().has(h) ? 1 : 0;
            int[] from42 = JointOrder.gatherFromInterHand42(HandSide.ofIndex(h));
            int root = from42[0];
            boolean rootValid = sample.valid(root);
            for (int j = 0; j < 21; j++) {
                int k = from42[j];
                boolean ok = present[h] > 0 && rootValid && sample.valid(k);
                valid[h * 21 + j] = ok ? 1 : 0;
                if (!ok) {
                    continue;
                }
                for (int c = 0; c < 3; c++) {
                    joints[h * 63 + 3 * j + c] = (float) (cam[3 * k + c] - cam[3 * root + c]);
                }
                double[] p = toInput.apply(sample.u(k), sample.v(k));
                uv[h * 42 + 2 * j] = (float) (p[0] / s * 2 - 1);
                uv[h * 42 + 2 * j + 1] = (float) (p[1] / s * 2 - 1);
            }
            ManoParams mano = sample.manoCamera() == null ? null : sample.manoCamera().get(h);
            if (mano != null && present[h] > 0) {
                manoValid[h] = 1;
                double[] pose = mano.pose();
                for (int i = 0; i < 3; i++) {
                    rootPose[3 * h + i] = (float) pose[i];
                }
                for (int i = 0; i < 45; i++) {
                    fingerPose[45 * h + i] = (float) pose[3 + i];
                }
                double[] shape = mano.shape();
                for (int i = 0; i < 10; i++) {
                    betas[10 * h + i] = (float) shape[i];
                }
            }
        }
        float[] offset = new float[3];
        boolean both = sample.valid(Sample.RIGHT_ROOT) && sample.valid(Sample.LEFT_ROOT) && present[0] > 0
            && present[1] > 0;
        if (both) {
            for (int c = 0; c < 3; c++) {
                offset[c] = (float) (cam[3 * Sample.LEFT_ROOT + c] - cam[3 * Sample.RIGHT_ROOT + c]);
            }
        }
        return new TwoHandExample(sample.annotationId(), input, present, joints, valid, uv, offset, both ? 1 : 0,
            rootPose, fingerPose, betas, manoValid);
    }
}
