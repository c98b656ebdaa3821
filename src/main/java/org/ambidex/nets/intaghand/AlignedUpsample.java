package org.ambidex.nets.intaghand;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * {@code nn.Upsample(scale_factor=2, mode='bilinear', align_corners=True)} on {@code (B, C, H, W)}, as two products
 * with interpolation matrices whose weights are computed in float as torch's CPU kernel computes them (source
 * position {@code i (n - 1) / (2n - 1)}, neighbours {@code floor} and the next, weights {@code 1 - f} and {@code f}).
 * DJL's interpolation call does not honour {@code align_corners}, hence this.
 */
final class AlignedUpsample {

    private AlignedUpsample() {
    }

    static NDArray twice(NDArray x) {
        Shape s = x.getShape();
        int h = Math.toIntExact(s.get(2));
        int w = Math.toIntExact(s.get(3));
        NDArray rows = x.getManager().create(weights(h), new Shape(2 * h, h));
        NDArray cols = x.getManager().create(weights(w), new Shape(2 * w, w));
        return rows.matMul(x.matMul(cols.transpose())).toDevice(x.getDevice(), false);
    }

    /** The {@code (2n, n)} row-major interpolation matrix. */
    static float[] weights(int n) {
        int out = 2 * n;
        float[] m = new float[out * n];
        float scale = n > 1 ? (float) (n - 1) / (out - 1) : 0f;
        for (int i = 0; i < out; i++) {
            float src = scale * i;
            int i0 = (int) src;
            int i1 = i0 < n - 1 ? i0 + 1 : i0;
            float f = src - i0;
            m[i * n + i0] += 1f - f;
            m[i * n + i1] += f;
        }
        return m;
    }
}
