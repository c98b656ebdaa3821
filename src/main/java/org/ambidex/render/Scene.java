package org.ambidex.render;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.ambidex.geom.Camera;
import org.ambidex.io.mesh.Mesh;
import org.ambidex.io.mesh.Rgb;

/**
 * What {@link Renderer} draws: meshes in world coordinates (metres) seen by a pinhole camera (OpenCV frame,
 * pixel centres at integer coordinates) into a {@code width x height} image, over a photo or a plain colour.
 *
 * @param meshes the meshes, in drawing order (equal depths keep the earlier mesh)
 * @param camera intrinsics in pixels of the output image and world-to-camera extrinsics
 * @param width image width, pixels
 * @param height image height, pixels
 * @param background photo of exactly {@code width x height} pixels to draw over, or {@code null}; it is read,
 *                   never modified
 * @param backgroundColor colour where there is no photo and no mesh
 * @param supersampling samples per pixel along each axis (1..8): {@code s x s} samples per pixel
 * @param opacity opacity of the meshes over the background, 0..1
 * @param lighting lights, fixed to the camera
 */
public record Scene(List<SceneMesh> meshes, Camera camera, int width, int height, BufferedImage background,
                    Rgb backgroundColor, int supersampling, double opacity, Lighting lighting) {

    /** The largest image side in samples (width x supersampling); keeps the fixed-point maths exact. */
    public static final int MAX_SAMPLES_PER_SIDE = 1 << 15;

    public Scene {
        meshes = List.copyOf(meshes);
        Objects.requireNonNull(camera, "camera");
        Objects.requireNonNull(backgroundColor, "backgroundColor");
        Objects.requireNonNull(lighting, "lighting");
        if (supersampling < 1 || supersampling > 8) {
            throw new IllegalArgumentException("supersampling must be 1..8, got " + supersampling);
        }
        if (width < 1 || height < 1 || (long) width * supersampling > MAX_SAMPLES_PER_SIDE
            || (long) height * supersampling > MAX_SAMPLES_PER_SIDE) {
            throw new IllegalArgumentException("image size " + width + "x" + height + " at supersampling "
                + supersampling + " is outside 1.." + MAX_SAMPLES_PER_SIDE + " samples per side");
        }
        if (background != null && (background.getWidth() != width || background.getHeight() != height)) {
            throw new IllegalArgumentException("the background photo is " + background.getWidth() + "x"
                + background.getHeight() + " but the image is " + width + "x" + height);
        }
        if (!(opacity >= 0 && opacity <= 1)) {
            throw new IllegalArgumentException("opacity must be in [0, 1], got " + opacity);
        }
    }

    /** An empty scene on a white background with 2x2 supersampling and the default lighting. */
    public static Scene of(Camera camera, int width, int height) {
        return new Scene(List.of(), camera, width, height, null, Palette.BACKGROUND, 2, 1, Lighting.DEFAULT);
    }

    /** An empty scene over {@code photo} (its size is the image size). */
    public static Scene over(BufferedImage photo, Camera camera) {
        return of(camera, photo.getWidth(), photo.getHeight()).withBackground(photo);
    }

    public Scene withMesh(Mesh mesh, Rgb color) {
        return withMesh(new SceneMesh(mesh, color));
    }

    public Scene withMesh(SceneMesh mesh) {
        List<SceneMesh> all = new ArrayList<>(meshes);
        all.add(mesh);
        return new Scene(all, camera, width, height, background, backgroundColor, supersampling, opacity, lighting);
    }

    public Scene withMeshes(List<SceneMesh> newMeshes) {
        return new Scene(newMeshes, camera, width, height, background, backgroundColor, supersampling, opacity,
            lighting);
    }

    public Scene withCamera(Camera newCamera) {
        return new Scene(meshes, newCamera, width, height, background, backgroundColor, supersampling, opacity,
            lighting);
    }

    public Scene withBackground(BufferedImage photo) {
        return new Scene(meshes, camera, width, height, photo, backgroundColor, supersampling, opacity, lighting);
    }

    public Scene withBackgroundColor(Rgb color) {
        return new Scene(meshes, camera, width, height, background, color, supersampling, opacity, lighting);
    }

    public Scene withSupersampling(int samplesPerSide) {
        return new Scene(meshes, camera, width, height, background, backgroundColor, samplesPerSide, opacity,
            lighting);
    }

    public Scene withOpacity(double newOpacity) {
        return new Scene(meshes, camera, width, height, background, backgroundColor, supersampling, newOpacity,
            lighting);
    }

    public Scene withLighting(Lighting newLighting) {
        return new Scene(meshes, camera, width, height, background, backgroundColor, supersampling, opacity,
            newLighting);
    }
}
