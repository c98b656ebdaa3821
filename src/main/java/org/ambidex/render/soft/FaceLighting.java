package org.ambidex.render.soft;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import org.ambidex.tensor.VectorArrays;

/**
 * Per-face shading as neural_renderer's {@code lighting} with S2HAND's per-sample lights: each face's colour times
 * {@code ambientIntensity * ambientColour + directionalIntensity * directionalColour * max(0, n . direction)},
 * where {@code n} is the unit normal of {@code (v0 - v1) x (v2 - v1)} (length floored at 1e-5, as
 * {@code F.normalize}) and the direction is used as given (not normalised), both in the camera frame.
 */
public final class FaceLighting {

    /** S2HAND's light vector: ambient intensity, directional intensity, ambient RGB, directional RGB, direction. */
    public static final int LIGHT_VALUES = 11;

    private FaceLighting() {
    }

    /**
     * @param vertices camera-frame vertices, metres (B, V, 3)
     * @param faces packed triangles, F * 3
     * @param colours per-face colours (B, F, 3) (S2HAND passes tanh of its textures)
     * @param lights (B, 11) in the order of {@link #LIGHT_VALUES}
     * @return the lit per-face colours (B, F, 3)
     */
    public static NDArray shade(NDArray vertices, int[] faces, NDArray colours, NDArray lights) {
        NDArray normals = normals(vertices, faces); // (B, F, 3)
        NDArray ambient = lights.get(":, 0:1").mul(lights.get(":, 2:5")).expandDims(1); // (B, 1, 3)
        NDArray direction = lights.get(":, 8:11").expandDims(1); // (B, 1, 3)
        NDArray cos = Activation.relu(normals.mul(direction).sum(new int[] {2}, true)); // (B, F, 1)
        NDArray directional = lights.get(":, 1:2").mul(lights.get(":, 5:8")).expandDims(1).mul(cos);
        return colours.mul(ambient.add(directional));
    }

    /** Unit face normals of {@code (v0 - v1) x (v2 - v1)} (B, F, 3). */
    static NDArray normals(NDArray vertices, int[] faces) {
        var m = vertices.getManager();
        long b = vertices.getShape().get(0);
        int f = faces.length / 3;
        NDArray v0 = corner(vertices, faces, 0, b, f);
        NDArray v1 = corner(vertices, faces, 1, b, f);
        NDArray v2 = corner(vertices, faces, 2, b, f);
        NDArray n = VectorArrays.cross(v0.sub(v1), v2.sub(v1));
        // A tiny floor under the root: a zero-area face gets a zero gradient, not NaN.
        NDArray length = n.square().sum(new int[] {2}, true).add(1e-30f).sqrt();
        NDArray floor = m.full(length.getShape(), 1e-5f).toType(length.getDataType(), false);
        return n.div(length.maximum(floor));
    }

    /** Corner {@code k} of every face (B, F, 3), by {@code torch.gather} (see {@link SoftRasterizer#rows}). */
    private static NDArray corner(NDArray vertices, int[] faces, int k, long b, int f) {
        long[] index = new long[(int) b * f * 3];
        for (int s = 0; s < b; s++) {
            for (int i = 0; i < f; i++) {
                java.util.Arrays.fill(index, (s * f + i) * 3, (s * f + i + 1) * 3, faces[3 * i + k]);
            }
        }
        return vertices.gather(vertices.getManager().create(index, new ai.djl.ndarray.types.Shape(b, f, 3)), 1);
    }

}
