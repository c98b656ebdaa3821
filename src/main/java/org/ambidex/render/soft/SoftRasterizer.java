package org.ambidex.render.soft;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import org.ambidex.tensor.Scalars;

/**
 * A SoftRas-style differentiable rasteriser: for each pixel and each face that reaches it,
 * {@code D = sigmoid(sign * d^2 / sigma)} ({@code d} the distance from the pixel centre to the face's projected
 * boundary, sign + inside) and the normalised inverse depth {@code zn = (far - z) / (far - near)} at the pixel;
 * colour {@code = (sum D_j e^(zn_j / gamma) C_j + e^(eps / gamma) background) / (sum D_j e^(zn_j / gamma) +
 * e^(eps / gamma))}, the depth blended the same way, and silhouette {@code 1 - prod (1 - D_j)}. Projection:
 * {@code [x/z, y/z, 1] K^T}, pixel coordinates (neural_renderer's "projection" mode with R = I, t = 0).
 *
 * <p>Only pixels within the blur's reach of a face's projection take part ({@link PixelFaces}: each face visits its
 * screen bounding box), so the work is proportional to the faces' footprint, not faces x pixels. Gradients flow to
 * the vertices (through the projection, the edge distances and the depths), the colours and anything they were made
 * from; which faces reach which pixel, and whether a pixel is inside, are decided without gradients.
 */
public final class SoftRasterizer {

    private final SoftRasterSettings settings;

    public SoftRasterizer(SoftRasterSettings settings) {
        this.settings = settings;
    }

    public SoftRasterSettings settings() {
        return settings;
    }

    /**
     * @param vertices camera-frame vertices, metres (B, V, 3)
     * @param faces packed triangles, F * 3
     * @param colours per-face colours (B, F, 3), any range (lit, as {@link FaceLighting#shade} gives)
     * @param intrinsics per-sample camera matrices, pixels (B, 3, 3)
     */
    public SoftRendering render(NDArray vertices, int[] faces, NDArray colours, NDArray intrinsics) {
        NDManager m = vertices.getManager();
        DataType type = vertices.getDataType();
        int b = (int) vertices.getShape().get(0);
        int v = (int) vertices.getShape().get(1);
        int side = settings.size();
        NDArray screen = project(vertices, intrinsics); // (B, V, 3): u, v, z
        PixelFaces pf = PixelFaces.find(screen.toType(DataType.FLOAT32, false).toFloatArray(), b, v, faces,
            settings);
        int p = pf.pixels().length;
        int k = pf.slots();
        NDArray flat = screen.reshape(b * v, 3);
        NDArray a = rows(flat, pf.vertexA()).reshape(p, k, 3);
        NDArray bb = rows(flat, pf.vertexB()).reshape(p, k, 3);
        NDArray c = rows(flat, pf.vertexC()).reshape(p, k, 3);
        NDArray centres = m.create(pf.centres(), new Shape(p, 1, 2)).toType(type, false);
        NDArray px = centres.get(":, :, 0");
        NDArray py = centres.get(":, :, 1");
        NDArray ax = a.get(":, :, 0");
        NDArray ay = a.get(":, :, 1");
        NDArray bx = bb.get(":, :, 0");
        NDArray by = bb.get(":, :, 1");
        NDArray cx = c.get(":, :, 0");
        NDArray cy = c.get(":, :, 1");
        NDArray valid = m.create(pf.valid(), new Shape(p, k)).toType(type, false);
        NDArray sign = m.create(pf.sign(), new Shape(p, k)).toType(type, false);

        NDArray d2 = segment2(px, py, ax, ay, bx, by).minimum(segment2(px, py, bx, by, cx, cy))
            .minimum(segment2(px, py, cx, cy, ax, ay));
        NDArray logit = Scalars.div(sign.mul(d2), settings.sigma()).toType(type, false);
        NDArray coverage = Activation.sigmoid(logit).mul(valid); // D (P, K)
        // 1 - prod(1 - D) with log(1 - sigmoid(x)) = -softplus(x), stable for very sharp edges.
        NDArray alpha = Activation.softPlus(logit).mul(valid).sum(new int[] {1}).neg().exp().neg().add(1f);

        NDArray area = cross(bx.sub(ax), by.sub(ay), cx.sub(ax), cy.sub(ay));
        NDArray wa = cross(bx.sub(px), by.sub(py), cx.sub(px), cy.sub(py)).div(area).clip(0, 1);
        NDArray wb = cross(cx.sub(px), cy.sub(py), ax.sub(px), ay.sub(py)).div(area).clip(0, 1);
        NDArray wc = cross(ax.sub(px), ay.sub(py), bx.sub(px), by.sub(py)).div(area).clip(0, 1);
        NDArray inverse = wa.div(a.get(":, :, 2")).add(wb.div(bb.get(":, :, 2"))).add(wc.div(c.get(":, :, 2")));
        NDArray z = wa.add(wb).add(wc).div(inverse); // (P, K)
        double range = settings.far() - settings.near();
        NDArray zn = Scalars.div(z.neg().add((float) settings.far()), (float) range).toType(type, false);
        NDArray shift = m.create(pf.depthShift(), new Shape(p, 1)).toType(type, false);
        NDArray weight = Scalars.div(zn.sub(shift), (float) settings.gamma()).toType(type, false).exp().mul(coverage);
        NDArray backgroundWeight = Scalars.div(shift.neg().add((float) SoftRasterSettings.BACKGROUND_EPSILON),
            (float) settings.gamma()).toType(type, false).exp(); // (P, 1)
        NDArray total = weight.sum(new int[] {1}, true).add(backgroundWeight);

        int faceCount = faces.length / 3;
        NDArray faceColours = rows(colours.reshape(b * faceCount, 3), pf.face()).reshape(p, k, 3);
        NDArray background = m.create(toFloat(settings.background())).toType(type, false).reshape(1, 3);
        NDArray rgb = weight.expandDims(2).mul(faceColours).sum(new int[] {1}).add(backgroundWeight.mul(background))
            .div(total); // (P, 3)
        NDArray depth = weight.mul(z).sum(new int[] {1}, true).add(Scalars.mul(backgroundWeight,
            (float) settings.far()).toType(type, false)).div(total); // (P, 1)

        // Scatter the listed pixels into whole images by gathering from [listed pixels; background row].
        long[] where = new long[b * side * side];
        java.util.Arrays.fill(where, p);
        for (int i = 0; i < p; i++) {
            where[(int) pf.pixels()[i]] = i;
        }
        NDArray rgbImage = rows(rgb.concat(background, 0), where).reshape(b, side, side, 3).transpose(0, 3, 1, 2);
        NDArray alphaImage = rows(alpha.reshape(p, 1).concat(m.zeros(new Shape(1, 1), type), 0), where)
            .reshape(b, side, side);
        NDArray depthImage = rows(depth.concat(m.full(new Shape(1, 1), (float) settings.far()).toType(type, false),
            0), where).reshape(b, side, side);
        NDArray covered = m.create(pf.covered(), new Shape(b, side, side)).toType(type, false);
        return new SoftRendering(rgbImage, alphaImage, depthImage, covered);
    }

    /**
     * Rows {@code index} of {@code source} (N, C), as {@code torch.gather} along the rows. Indexing with an array
     * would do the same, but its backward pass adds into repeated rows with parallel atomic additions on the CPU,
     * whose order (and so the gradient's last bits) changes from run to run; gather's backward adds serially down
     * each column, so training resumes bit for bit.
     */
    static NDArray rows(NDArray source, long[] index) {
        int c = (int) source.getShape().get(1);
        long[] full = new long[index.length * c];
        for (int i = 0; i < index.length; i++) {
            java.util.Arrays.fill(full, i * c, (i + 1) * c, index[i]);
        }
        return source.gather(source.getManager().create(full, new Shape(index.length, c)), 0);
    }

    /** {@code [x/z, y/z, 1] K^T} as pixel u, v, with z kept (B, V, 3). */
    static NDArray project(NDArray vertices, NDArray intrinsics) {
        NDArray z = vertices.get(":, :, 2:3");
        NDArray xy = vertices.get(":, :, 0:2").div(z);
        NDArray homogeneous = xy.concat(z.onesLike(), 2);
        NDArray uvw = homogeneous.matMul(intrinsics.transpose(0, 2, 1));
        return uvw.get(":, :, 0:2").concat(z, 2);
    }

    private static NDArray cross(NDArray ux, NDArray uy, NDArray vx, NDArray vy) {
        return ux.mul(vy).sub(uy.mul(vx));
    }

    /** Squared distance from points to segments a-b, elementwise. */
    private static NDArray segment2(NDArray px, NDArray py, NDArray ax, NDArray ay, NDArray bx, NDArray by) {
        NDArray ex = bx.sub(ax);
        NDArray ey = by.sub(ay);
        NDArray wx = px.sub(ax);
        NDArray wy = py.sub(ay);
        NDArray t = wx.mul(ex).add(wy.mul(ey)).div(ex.square().add(ey.square()).add(1e-12f)).clip(0, 1);
        NDArray dx = wx.sub(t.mul(ex));
        NDArray dy = wy.sub(t.mul(ey));
        return dx.square().add(dy.square());
    }

    private static float[] toFloat(double[] d) {
        float[] out = new float[d.length];
        for (int i = 0; i < d.length; i++) {
            out[i] = (float) d[i];
        }
        return out;
    }

}
