package org.ambidex.train;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.ambidex.data.ManoParams;
import org.ambidex.hand.HandParams;

/**
 * One hand's stored MANO parameters (InterHand2.6M's NeuralAnnot fits) as the hand layer's float32 input, the way
 * the references' data loaders pose their ground truth: axis-angle root and fingers, the fingers as offsets from the
 * hand mean, one sample.
 */
public final class ManoPosing {

    private ManoPosing() {
    }

    /** {@code p} as a batch of one on {@code manager}: root (1, 3), fingers (1, 45), betas (1, 10), transl (1, 3). */
    public static HandParams params(ManoParams p, NDManager manager) {
        return HandParams.axisAngle(manager.create(floats(p.rootPose()), new Shape(1, 3)),
                manager.create(floats(p.fingerPose()), new Shape(1, 45)), false)
            .withBetas(manager.create(floats(p.shape()), new Shape(1, ManoParams.SHAPE_SIZE)))
            .withTransl(manager.create(floats(p.trans()), new Shape(1, 3)));
    }

    private static float[] floats(double[] a) {
        float[] f = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            f[i] = (float) a[i];
        }
        return f;
    }
}
