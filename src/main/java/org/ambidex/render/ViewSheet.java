package org.ambidex.render;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import org.ambidex.geom.Camera;
import org.ambidex.geom.Extrinsics;
import org.ambidex.geom.Intrinsics;
import org.ambidex.geom.Mat3;
import org.ambidex.geom.Vec3;
import org.ambidex.io.mesh.Mesh;
import org.ambidex.io.mesh.Rgb;

/**
 * A 2x2 sheet of views of a reconstruction: the camera's view (over the photo when there is one), and views
 * from the side, the top and an oblique angle, orbiting the centre of the meshes' bounding box. The orbit
 * directions are taken in the camera frame, so "side" is to the camera's right (looking left), "top" is above
 * the scene (image up = away from the camera) and "oblique" is 45 degrees to the right and 30 degrees above
 * the camera's line of sight. Ground-truth meshes, when given, are drawn in {@link Palette#GROUND_TRUTH} in
 * every view, with a legend.
 */
public final class ViewSheet {

    /** Names of the four panels, in reading order. */
    public static final List<String> PANELS = List.of("camera", "side", "top", "oblique");

    private static final Rgb ORBIT_BACKGROUND = Rgb.ofHex(0xF2F2F2);
    private static final Rgb LABEL = Rgb.ofHex(0xFFFFFF);

    private ViewSheet() {
    }

    /**
     * Renders the sheet.
     *
     * @param scene the camera's scene (meshes with colours, camera, image size, optional photo); its
     *              supersampling is used for every panel
     * @param groundTruth meshes (world coordinates) to draw in the ground-truth colour; may be empty
     * @param panelSize the longer side of each panel, pixels
     * @return an image of 2 x 2 panels, each {@code panelSize} on its longer side with the camera image's
     *         aspect ratio
     */
    public static BufferedImage render(Scene scene, List<Mesh> groundTruth, int panelSize) {
        if (panelSize < 16) {
            throw new IllegalArgumentException("panel size must be at least 16 pixels, got " + panelSize);
        }
        double scale = panelSize / (double) Math.max(scene.width(), scene.height());
        int pw = Math.max(1, (int) Math.round(scene.width() * scale));
        int ph = Math.max(1, (int) Math.round(scene.height() * scale));
        List<SceneMesh> all = new ArrayList<>(scene.meshes());
        for (Mesh m : groundTruth) {
            all.add(new SceneMesh(m, Palette.GROUND_TRUTH));
        }

        // Camera view, at panel resolution: pixel centres map as u' = (u + 1/2) s - 1/2.
        Intrinsics k = scene.camera().intrinsics();
        Intrinsics panelK = k.scaledAndShifted(scale, 0.5 * scale - 0.5, 0.5 * scale - 0.5);
        Scene camera = new Scene(all, new Camera(panelK, scene.camera().extrinsics()), pw, ph,
            scene.background() == null ? null : resized(scene.background(), pw, ph), scene.backgroundColor(),
            scene.supersampling(), scene.opacity(), scene.lighting());
        List<BufferedImage> panels = new ArrayList<>();
        panels.add(Renderer.render(camera).image());

        Extrinsics e = scene.camera().extrinsics();
        double[] bounds = cameraFrameBounds(all, e);
        Vec3 centre = new Vec3(bounds[0], bounds[1], bounds[2]);
        double radius = Math.max(bounds[3], 1e-3);
        double focal = 2.0 * Math.min(pw, ph);
        // Distance at which the bounding sphere fills 90% of the shorter side.
        double distance = radius * Math.sqrt(1 + Math.pow(focal / (0.45 * Math.min(pw, ph)), 2));
        Intrinsics orbitK = new Intrinsics(focal, focal, (pw - 1) / 2.0, (ph - 1) / 2.0);
        double c30 = Math.cos(Math.toRadians(30));
        double s30 = Math.sin(Math.toRadians(30));
        double s45 = Math.sqrt(0.5);
        Vec3[] towardEye = {new Vec3(1, 0, 0), new Vec3(0, -1, 0), new Vec3(s45 * c30, -s30, -s45 * c30)};
        Vec3[] down = {new Vec3(0, 1, 0), new Vec3(0, 0, -1), new Vec3(0, 1, 0)};
        for (int v = 0; v < 3; v++) {
            Mat3 look = lookRotation(towardEye[v].times(-1), down[v]);
            Vec3 eye = centre.plus(towardEye[v].times(distance));
            // world -> scene camera -> orbit camera: R' = L R, t' = L (t - eye).
            Extrinsics orbit = new Extrinsics(look.times(e.rotation()), look.times(e.translation().minus(eye)));
            Scene view = new Scene(all, new Camera(orbitK, orbit), pw, ph, null, ORBIT_BACKGROUND,
                scene.supersampling(), 1, scene.lighting());
            panels.add(Renderer.render(view).image());
        }

        BufferedImage sheet = new BufferedImage(2 * pw, 2 * ph, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = sheet.createGraphics();
        try {
            for (int i = 0; i < 4; i++) {
                g.drawImage(panels.get(i), (i % 2) * pw, (i / 2) * ph, null);
            }
            g.setColor(java.awt.Color.GRAY);
            g.drawLine(pw, 0, pw, 2 * ph);
            g.drawLine(0, ph, 2 * pw, ph);
        } finally {
            g.dispose();
        }
        double margin = Math.max(3, pw / 60.0);
        for (int i = 0; i < 4; i++) {
            Overlays.drawLabel(sheet, PANELS.get(i), (i % 2) * pw + margin, (i / 2) * ph + margin, LABEL);
        }
        if (!groundTruth.isEmpty()) {
            double h = Overlays.labelHeight(sheet);
            Overlays.drawLegendEntry(sheet, Palette.GROUND_TRUTH, "ground truth", margin, ph - margin - h);
        }
        return sheet;
    }

    /** Rotation whose rows are the camera axes (x right, y down, z = {@code forward}) for an image-down hint. */
    static Mat3 lookRotation(Vec3 forward, Vec3 downHint) {
        Vec3 z = forward.normalized();
        Vec3 x = downHint.cross(z).normalized();
        Vec3 y = z.cross(x);
        return Mat3.ofRows(x, y, z);
    }

    /** Centre (x, y, z) and radius of the camera-frame bounding box of all meshes. */
    private static double[] cameraFrameBounds(List<SceneMesh> meshes, Extrinsics e) {
        double[] lo = {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY};
        double[] hi = {Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY};
        List<Vec3> points = new ArrayList<>();
        for (SceneMesh item : meshes) {
            Mesh m = item.mesh();
            for (int i = 0; i < m.vertexCount(); i++) {
                Vec3 p = e.toCamera(new Vec3(m.x(i), m.y(i), m.z(i)));
                points.add(p);
                double[] a = p.toArray();
                for (int axis = 0; axis < 3; axis++) {
                    lo[axis] = Math.min(lo[axis], a[axis]);
                    hi[axis] = Math.max(hi[axis], a[axis]);
                }
            }
        }
        if (points.isEmpty()) {
            return new double[] {0, 0, 1, 0.1};
        }
        Vec3 c = new Vec3((lo[0] + hi[0]) / 2, (lo[1] + hi[1]) / 2, (lo[2] + hi[2]) / 2);
        double r = 0;
        for (Vec3 p : points) {
            r = Math.max(r, p.distance(c));
        }
        return new double[] {c.x(), c.y(), c.z(), r};
    }

    private static BufferedImage resized(BufferedImage photo, int w, int h) {
        return photo.getWidth() == w && photo.getHeight() == h ? photo : PictureSize.resized(photo, w, h);
    }
}
