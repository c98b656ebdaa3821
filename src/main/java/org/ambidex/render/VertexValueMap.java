package org.ambidex.render;

import java.util.List;

/**
 * Per-vertex values (any number of channels) carried to the pixels of a {@link Scene}: at one sample per pixel
 * (the pixel centre, supersampling ignored) the nearest surface's face, and its values interpolated with the
 * perspective-correct barycentric coordinates of {@link Rasterizer}. No lighting, blending or colour encoding: a
 * map of raw values, such as the dense-pose (vertex colour) and mask targets of a hard rasteriser.
 *
 * @param width pixels
 * @param height pixels
 * @param mesh per pixel (row-major) the index of the scene mesh seen there, -1 where empty
 * @param values {@code (channels, height, width)} planar; 0 where empty
 */
public record VertexValueMap(int width, int height, int[] mesh, float[] values) {

    /**
     * Draws {@code scene} (its meshes, camera and size) and interpolates {@code vertexValues.get(m)}, mesh
     * {@code m}'s values ({@code channels} per vertex, vertex-major), over it.
     *
     * @throws IllegalArgumentException when a mesh's values do not have {@code channels} per vertex
     */
    public static VertexValueMap draw(Scene scene, List<float[]> vertexValues, int channels) {
        if (vertexValues.size() != scene.meshes().size()) {
            throw new IllegalArgumentException(scene.meshes().size() + " meshes but " + vertexValues.size()
                + " value arrays");
        }
        for (int m = 0; m < vertexValues.size(); m++) {
            int vertices = scene.meshes().get(m).mesh().positions().length / 3;
            if (vertexValues.get(m).length != vertices * channels) {
                throw new IllegalArgumentException("mesh " + m + " has " + vertices + " vertices, so needs "
                    + vertices * channels + " values, got " + vertexValues.get(m).length);
            }
        }
        SampleBuffer samples = Renderer.render(scene.withSupersampling(1), false).samples();
        int w = scene.width();
        int h = scene.height();
        int plane = w * h;
        int[] mesh = new int[plane];
        float[] values = new float[channels * plane];
        for (int i = 0; i < plane; i++) {
            int m = samples.mesh[i] - 1;
            mesh[i] = m;
            if (m < 0) {
                continue;
            }
            int[] faces = scene.meshes().get(m).mesh().faces();
            float[] v = vertexValues.get(m);
            int f = samples.face[i];
            int a = faces[3 * f] * channels;
            int b = faces[3 * f + 1] * channels;
            int c = faces[3 * f + 2] * channels;
            double b0 = samples.b0[i];
            double b1 = samples.b1[i];
            double b2 = 1 - b0 - b1;
            for (int k = 0; k < channels; k++) {
                values[k * plane + i] = (float) (b0 * v[a + k] + b1 * v[b + k] + b2 * v[c + k]);
            }
        }
        return new VertexValueMap(w, h, mesh, values);
    }
}
