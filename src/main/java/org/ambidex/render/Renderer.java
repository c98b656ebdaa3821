package org.ambidex.render;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.ambidex.geom.Extrinsics;
import org.ambidex.geom.Intrinsics;
import org.ambidex.io.mesh.Mesh;
import org.ambidex.io.mesh.Rgb;
import org.ambidex.io.mesh.VertexNormals;

/**
 * Draws a {@link Scene} in software on one thread: {@link Rasterizer} fills a buffer of {@code s x s} samples
 * per pixel, then each pixel's samples are shaded (smooth normals, the scene's {@link Lighting}, in linear
 * light), averaged (anti-aliasing) and composited over the background with the scene's opacity, and encoded
 * to sRGB. The same pass produces the depth map, one silhouette mask per mesh and the normal map.
 *
 * <p>Supersampling places the samples of pixel {@code (x, y)} at {@code x - 1/2 + (i + 1/2)/s}, so with
 * {@code s = 1} the sample is the pixel centre (OpenCV's integer pixel coordinates). Normals are turned toward
 * the camera on faces seen from behind, so the inside of an open mesh is lit like the outside.
 */
public final class Renderer {

    private static final int LUT_SIZE = 1 << 14;
    private static final int[] LINEAR_TO_SRGB = new int[LUT_SIZE + 1];
    private static final double[] SRGB_TO_LINEAR = new double[256];

    static {
        for (int i = 0; i <= LUT_SIZE; i++) {
            LINEAR_TO_SRGB[i] = Rgb.to8Bit(Rgb.toSrgb(i / (double) LUT_SIZE));
        }
        for (int i = 0; i < 256; i++) {
            SRGB_TO_LINEAR[i] = Rgb.toLinear(i / 255.0);
        }
    }

    private Renderer() {
    }

    /** A mesh prepared for one frame: camera-frame positions and normals, linear colours. */
    private record Prepared(double[] position, double[] normal, int[] faces, double[] albedo, float[] vertexAlbedo) {
    }

    /** Heap bytes per sample of the sample buffer: depth (8), mesh, face and two barycentrics (4 each). */
    static final int BYTES_PER_SAMPLE = 24;

    /**
     * Heap bytes per pixel of rendering at {@code supersampling} with {@code meshes} meshes: the samples, and the
     * picture (4), depth map (8), normal map (12) and one mask count per mesh (2) of the result.
     */
    public static long bytesPerPixel(int supersampling, int meshes) {
        return (long) supersampling * supersampling * BYTES_PER_SAMPLE + 4 + 8 + 12 + 2L * meshes;
    }

    /** Renders {@code scene}. */
    public static RenderResult render(Scene scene) {
        return render(scene, false).result;
    }

    /** The result plus the raw samples (for tests and tools that need sample-level data). */
    record Frame(RenderResult result, SampleBuffer samples, Rasterizer rasterizer) {
    }

    static Frame render(Scene scene, boolean countCoverage) {
        int s = scene.supersampling();
        int w = scene.width();
        int h = scene.height();
        Intrinsics k = scene.camera().intrinsics();
        Extrinsics e = scene.camera().extrinsics();
        SampleBuffer samples = new SampleBuffer(w * s, h * s);
        Rasterizer rasterizer = new Rasterizer(samples, k.fx() * s, k.fy() * s, (k.cx() + 0.5) * s - 0.5,
            (k.cy() + 0.5) * s - 0.5, countCoverage);
        List<Prepared> meshes = new ArrayList<>();
        for (int m = 0; m < scene.meshes().size(); m++) {
            Prepared p = prepare(scene.meshes().get(m), e);
            meshes.add(p);
            rasterizer.drawMesh(m, p.position, p.faces);
        }
        return new Frame(resolve(scene, samples, meshes), samples, rasterizer);
    }

    private static Prepared prepare(SceneMesh item, Extrinsics e) {
        Mesh mesh = item.mesh();
        double[] r = e.rotation().toRowMajor();
        double[] t = e.translation().toArray();
        double[] world = mesh.positions();
        double[] n = mesh.hasNormals() ? mesh.normals() : VertexNormals.areaWeighted(mesh);
        double[] p = new double[world.length];
        double[] cn = new double[n.length];
        for (int i = 0; i < world.length; i += 3) {
            for (int row = 0; row < 3; row++) {
                p[i + row] = r[3 * row] * world[i] + r[3 * row + 1] * world[i + 1] + r[3 * row + 2] * world[i + 2]
                    + t[row];
                cn[i + row] = r[3 * row] * n[i] + r[3 * row + 1] * n[i + 1] + r[3 * row + 2] * n[i + 2];
            }
        }
        float[] vertexAlbedo = null;
        if (mesh.hasVertexColors()) {
            byte[] c = mesh.vertexColors();
            vertexAlbedo = new float[c.length];
            for (int i = 0; i < c.length; i++) {
                vertexAlbedo[i] = (float) SRGB_TO_LINEAR[c[i] & 0xFF];
            }
        }
        return new Prepared(p, cn, mesh.faces(), item.color().toLinearArray(), vertexAlbedo);
    }

    private static RenderResult resolve(Scene scene, SampleBuffer samples, List<Prepared> meshes) {
        int s = scene.supersampling();
        int w = scene.width();
        int h = scene.height();
        int sw = samples.width;
        double perPixel = s * s;
        Lighting light = scene.lighting();
        double[] key = light.key();
        double[] fill = light.fill();
        // Highlights below 1e-6 are skipped (their powers would also run into slow subnormal numbers).
        double cutoff = Math.exp(Math.log(1e-6) / light.shininess());
        double opacity = scene.opacity();
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        int[] pixels = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
        if (scene.background() != null) {
            scene.background().getRGB(0, 0, w, h, pixels, 0, w);
        } else {
            Arrays.fill(pixels, scene.backgroundColor().toHex());
        }
        double[] depth = new double[w * h];
        Arrays.fill(depth, Double.POSITIVE_INFINITY);
        float[] normalMap = new float[3 * w * h];
        short[][] counts = new short[meshes.size()][w * h];
        Prepared[] prepared = meshes.toArray(new Prepared[0]);
        double[] rgb = new double[3];
        double[] nrm = new double[3];
        // Only pixels under the rasterized bounding box can differ from the background.
        int x0 = samples.minX / s;
        int x1 = Math.min(w - 1, samples.maxX / s);
        int y0 = samples.minY / s;
        int y1 = Math.min(h - 1, samples.maxY / s);
        for (int py = y0; py <= y1; py++) {
            for (int px = x0; px <= x1; px++) {
                int pixel = py * w + px;
                double sr = 0;
                double sg = 0;
                double sb = 0;
                double nx = 0;
                double ny = 0;
                double nz = 0;
                int covered = 0;
                double nearest = Double.POSITIVE_INFINITY;
                for (int sy = 0; sy < s; sy++) {
                    int i = (py * s + sy) * sw + px * s;
                    for (int sx = 0; sx < s; sx++, i++) {
                        int m = samples.mesh[i] - 1;
                        if (m < 0) {
                            continue;
                        }
                        covered++;
                        counts[m][pixel]++;
                        nearest = Math.min(nearest, samples.depth[i]);
                        shade(prepared[m], samples.face[i], samples.b0[i], samples.b1[i], light, key, fill, cutoff, rgb,
                            nrm);
                        sr += rgb[0];
                        sg += rgb[1];
                        sb += rgb[2];
                        nx += nrm[0];
                        ny += nrm[1];
                        nz += nrm[2];
                    }
                }
                if (covered == 0) {
                    continue;
                }
                depth[pixel] = nearest;
                double len = Math.sqrt(nx * nx + ny * ny + nz * nz);
                if (len > 0) {
                    normalMap[3 * pixel] = (float) (nx / len);
                    normalMap[3 * pixel + 1] = (float) (ny / len);
                    normalMap[3 * pixel + 2] = (float) (nz / len);
                }
                // Premultiplied: the samples' mean colour weighs covered/s^2, the background the rest.
                int bg = pixels[pixel];
                double alpha = opacity * covered / perPixel;
                double keep = 1 - alpha;
                double r = opacity * sr / perPixel + keep * SRGB_TO_LINEAR[(bg >> 16) & 0xFF];
                double g = opacity * sg / perPixel + keep * SRGB_TO_LINEAR[(bg >> 8) & 0xFF];
                double b = opacity * sb / perPixel + keep * SRGB_TO_LINEAR[bg & 0xFF];
                pixels[pixel] = (encode(r) << 16) | (encode(g) << 8) | encode(b);
            }
        }
        List<Mask> masks = new ArrayList<>();
        for (short[] c : counts) {
            masks.add(new Mask(w, h, s * s, c));
        }
        return new RenderResult(image, new DepthMap(w, h, depth), masks, new NormalMap(w, h, normalMap));
    }

    private static int encode(double linear) {
        double c = linear <= 0 ? 0 : linear >= 1 ? 1 : linear;
        return LINEAR_TO_SRGB[(int) (c * LUT_SIZE + 0.5)];
    }

    /** Shades one sample of face {@code f}: linear colour into {@code rgb}, camera-facing normal into {@code n}. */
    private static void shade(Prepared m, int f, float b0, float b1, Lighting light, double[] key, double[] fill,
                              double cutoff, double[] rgb, double[] n) {
        int a = 3 * m.faces[3 * f];
        int b = 3 * m.faces[3 * f + 1];
        int c = 3 * m.faces[3 * f + 2];
        double b2 = 1 - b0 - b1;
        double[] p = m.position;
        double[] vn = m.normal;
        double x = b0 * vn[a] + b1 * vn[b] + b2 * vn[c];
        double y = b0 * vn[a + 1] + b1 * vn[b + 1] + b2 * vn[c + 1];
        double z = b0 * vn[a + 2] + b1 * vn[b + 2] + b2 * vn[c + 2];
        // Geometric normal from the winding, turned to agree with the vertex normals.
        double ux = p[b] - p[a];
        double uy = p[b + 1] - p[a + 1];
        double uz = p[b + 2] - p[a + 2];
        double vx = p[c] - p[a];
        double vy = p[c + 1] - p[a + 1];
        double vz = p[c + 2] - p[a + 2];
        double gx = uy * vz - uz * vy;
        double gy = uz * vx - ux * vz;
        double gz = ux * vy - uy * vx;
        double len = Math.sqrt(x * x + y * y + z * z);
        if (!(len > 1e-12)) {
            x = gx;
            y = gy;
            z = gz;
            len = Math.sqrt(x * x + y * y + z * z);
        }
        if (gx * x + gy * y + gz * z < 0) {
            gx = -gx;
            gy = -gy;
            gz = -gz;
        }
        // Seen from behind (the face turns away from the camera at the origin): light the other side.
        double sign = gx * p[a] + gy * p[a + 1] + gz * p[a + 2] > 0 ? -1 : 1;
        x *= sign / len;
        y *= sign / len;
        z *= sign / len;
        n[0] = x;
        n[1] = y;
        n[2] = z;
        double px = b0 * p[a] + b1 * p[b] + b2 * p[c];
        double py = b0 * p[a + 1] + b1 * p[b + 1] + b2 * p[c + 1];
        double pz = b0 * p[a + 2] + b1 * p[b + 2] + b2 * p[c + 2];
        double plen = Math.sqrt(px * px + py * py + pz * pz);
        double diffuse = light.ambient()
            + light.keyIntensity() * Math.max(0, x * key[0] + y * key[1] + z * key[2])
            + light.fillIntensity() * Math.max(0, x * fill[0] + y * fill[1] + z * fill[2]);
        double specular = 0;
        if (light.specular() > 0) {
            // Blinn-Phong half vector between the key light and the direction to the camera (-p).
            double hx = key[0] - px / plen;
            double hy = key[1] - py / plen;
            double hz = key[2] - pz / plen;
            double hl = Math.sqrt(hx * hx + hy * hy + hz * hz);
            double nh = hl > 0 ? (x * hx + y * hy + z * hz) / hl : 0;
            if (nh > cutoff) {
                specular = light.specular() * power(nh, light.shininess());
            }
        }
        if (m.vertexAlbedo != null) {
            float[] va = m.vertexAlbedo;
            for (int ch = 0; ch < 3; ch++) {
                double albedo = b0 * va[a + ch] + b1 * va[b + ch] + b2 * va[c + ch];
                rgb[ch] = albedo * diffuse + specular;
            }
        } else {
            rgb[0] = m.albedo[0] * diffuse + specular;
            rgb[1] = m.albedo[1] * diffuse + specular;
            rgb[2] = m.albedo[2] * diffuse + specular;
        }
    }

    private static double power(double base, int exponent) {
        double result = 1;
        double b = base;
        int e = exponent;
        while (e > 0) {
            if ((e & 1) != 0) {
                result *= b;
            }
            b *= b;
            e >>= 1;
        }
        return result;
    }
}
