package org.ambidex.nets.twohand;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import org.ambidex.tensor.Scalars;

/**
 * Bilinear sampling of a feature map at points given in normalised coordinates, as PyTorch's
 * {@code grid_sample(align_corners=False, padding_mode='zeros')} samples: point {@code u} in [-1, 1] lies at
 * column {@code (u + 1) w / 2 - 0.5}; cells outside the map contribute zero. Written as a (points x cells) weight
 * matrix times the features, which is exact for bilinear interpolation and cheap for the small maps of a
 * backbone's last stage.
 */
public final class JointFeatureSampler {

    private JointFeatureSampler() {
    }

    /**
     * Features (B,N,C) of {@code features} (B,C,H,W) at {@code uv} (B,N,2), {@code u} horizontal, {@code v}
     * vertical.
     */
    public static NDArray sample(NDArray features, NDArray uv) {
        long b = features.getShape().get(0);
        long c = features.getShape().get(1);
        long h = features.getShape().get(2);
        long w = features.getShape().get(3);
        long n = uv.getShape().get(1);
        NDArray x = Scalars.mul(uv.get(":, :, 0:1").add(1), w / 2f).sub(0.5);
        NDArray y = Scalars.mul(uv.get(":, :, 1:2").add(1), h / 2f).sub(0.5);
        NDArray gx = features.getManager().arange(0f, (float) w, 1f, DataType.FLOAT32);
        NDArray gy = features.getManager().arange(0f, (float) h, 1f, DataType.FLOAT32);
        NDArray wx = Scalars.maximum(x.sub(gx).abs().neg().add(1), 0f);   // (B,N,W)
        NDArray wy = Scalars.maximum(y.sub(gy).abs().neg().add(1), 0f);   // (B,N,H)
        NDArray weights = wy.expandDims(3).mul(wx.expandDims(2)).reshape(b, n, h * w);
        NDArray flat = features.reshape(b, c, h * w).transpose(0, 2, 1);
        return weights.matMul(flat);
    }
}
