package org.ambidex.nets.s2hand;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * Joint positions from heat maps as S2HAND's {@code util.compute_uv_from_integral} computes them (integral
 * regression, Sun et al. 2018): each map is resized bilinearly with aligned corners to the image's size, turned
 * into a distribution by a softmax over all its pixels, and the joint is that distribution's mean pixel,
 * (sum p x, sum p y) with x, y the column and row indices. Differentiable; the reference's GPU-only broadcast of the
 * index ramps is a plain product here.
 */
public final class IntegralJoints {

    private IntegralJoints() {
    }

    /**
     * @param heatmaps (B, K, h, w) raw network output
     * @param size the side of the image the maps cover, pixels (the maps are resized to size x size)
     * @return (B, K, 2) joints, pixels of that image, x then y
     */
    public static NDArray of(NDArray heatmaps, int size) {
        Shape s = heatmaps.getShape();
        long b = s.get(0);
        long k = s.get(1);
        NDManager m = heatmaps.getManager();
        NDArray rows = m.create(resizeMatrix((int) s.get(2), size), new Shape(size, s.get(2)));
        NDArray cols = m.create(resizeMatrix((int) s.get(3), size), new Shape(size, s.get(3)));
        // Separable resize: first along the columns, then along the rows (the order torch's kernel mixes them in).
        NDArray resized = rows.matMul(heatmaps.matMul(cols.transpose()));
        NDArray p = resized.reshape(b, k, (long) size * size).softmax(2).reshape(b, k, size, size);
        NDArray ramp = m.arange(0f, (float) size);
        NDArray x = p.sum(new int[] {2}).mul(ramp).sum(new int[] {2}, true);
        NDArray y = p.sum(new int[] {3}).mul(ramp).sum(new int[] {2}, true);
        return x.concat(y, 2);
    }

    /**
     * The (out x in) matrix of a 1-D linear resize with aligned corners, weights in float32 as PyTorch's CPU kernel
     * computes them: source position {@code (in - 1) / (out - 1) * i}, its integer part and the fraction.
     */
    static float[] resizeMatrix(int in, int out) {
        float[] w = new float[out * in];
        float scale = out > 1 ? (float) (in - 1) / (out - 1) : 0f;
        for (int i = 0; i < out; i++) {
            float src = scale * i;
            int i0 = (int) src;
            int step = i0 < in - 1 ? 1 : 0;
            float frac = src - i0;
            w[i * in + i0] += 1f - frac;
            w[i * in + i0 + step] += frac;
        }
        return w;
    }
}
