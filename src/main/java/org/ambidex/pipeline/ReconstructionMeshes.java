package org.ambidex.pipeline;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.ambidex.core.OutputSet;
import org.ambidex.geom.Camera;
import org.ambidex.io.image.Images;
import org.ambidex.io.mesh.GlbWriter;
import org.ambidex.io.mesh.Mesh;
import org.ambidex.io.mesh.ObjWriter;
import org.ambidex.io.mesh.PlyWriter;
import org.ambidex.render.Overlays;
import org.ambidex.render.Palette;
import org.ambidex.render.PictureSize;
import org.ambidex.render.Scene;
import org.ambidex.render.SceneMesh;
import org.ambidex.render.ViewSheet;

/**
 * The mesh outputs of a mesh model's reconstruction: {@code STEM_right.EXT} and {@code STEM_left.EXT} for OBJ and
 * PLY (each hand with a mesh, camera frame, metres, whatever its presence; a second hand of a side is
 * {@code right2}), {@code STEM_hands.glb} (both hands, in their hand
 * colours; the JSON gives their presences), {@code STEM_views.png} (the present hands from the camera, side, top and
 * an oblique view) and the overlay with the present hands' meshes drawn over the photo.
 */
final class ReconstructionMeshes {

    /** Side of each view-sheet panel, pixels. */
    static final int PANEL = 360;
    /** Opacity of the meshes over the photo. */
    static final double OPACITY = 0.6;
    /** Samples per pixel along each axis of the meshes over the photo (the renderer's default). */
    static final int SUPERSAMPLING = 2;

    private ReconstructionMeshes() {
    }

    /**
     * Writes the files into {@code set}, adds their names to {@code written}, and returns {@code overlay} (of
     * {@code size}) with the meshes drawn over it.
     */
    static BufferedImage write(OutputSet set, String stem, BufferedImage overlay, PictureSize size, Reconstruction r,
                               Set<ReconstructionFiles.MeshFormat> formats, List<String> written) {
        List<SceneMesh> present = new ArrayList<>();
        List<Mesh> glb = new ArrayList<>();
        List<String> names = handNames(r.hands());
        for (int k = 0; k < r.hands().size(); k++) {
            HandReconstruction h = r.hands().get(k);
            if (h.mesh() == null) {
                continue;
            }
            int i = h.side().index();
            String name = names.get(k);
            Mesh mesh = Mesh.of(name + "_hand", h.mesh().vertices(), h.mesh().faces()).withComputedNormals();
            double[] colours = h.mesh().vertexColors();
            if (colours != null) {
                mesh = mesh.withVertexColors(bytes(colours));
            }
            if (formats.contains(ReconstructionFiles.MeshFormat.OBJ)) {
                String file = stem + "_" + name + ".obj";
                ObjWriter.write(set.file(file), mesh);
                written.add(file);
            }
            if (formats.contains(ReconstructionFiles.MeshFormat.PLY)) {
                String file = stem + "_" + name + ".ply";
                PlyWriter.write(set.file(file), mesh, true);
                written.add(file);
            }
            // A mesh with the network's colours keeps them (a material colour would multiply them in glTF).
            glb.add(colours != null ? mesh : mesh.withMaterialColor(Palette.hand(i)));
            if (h.present()) {
                present.add(new SceneMesh(mesh, Palette.hand(i)));
            }
        }
        if (formats.contains(ReconstructionFiles.MeshFormat.GLB)) {
            String file = stem + "_hands.glb";
            GlbWriter.write(set.file(file), glb);
            written.add(file);
        }
        Camera camera = Camera.atOrigin(r.intrinsics());
        Scene scene = Scene.of(camera, r.imageWidth(), r.imageHeight()).withMeshes(present);
        Images.write(set.file(stem + "_views.png"), ViewSheet.render(scene, List.of(), PANEL));
        written.add(stem + "_views.png");
        return present.isEmpty() ? overlay
            : Overlays.meshOverlay(overlay, Camera.atOrigin(size.intrinsics(r.intrinsics())), present, OPACITY);
    }

    /** Colours in [0, 1] as 8-bit values (rounded, clamped). */
    private static byte[] bytes(double[] colours) {
        byte[] out = new byte[colours.length];
        for (int i = 0; i < colours.length; i++) {
            out[i] = (byte) Math.round(255 * Math.min(1, Math.max(0, colours[i])));
        }
        return out;
    }

    /**
     * File-name parts of the hands: {@code right} and {@code left}, numbered from the second hand of a side on
     * ({@code right}, {@code right2}) when a photo shows several.
     */
    static List<String> handNames(List<HandReconstruction> hands) {
        List<String> names = new ArrayList<>();
        int[] seen = new int[2];
        for (HandReconstruction h : hands) {
            int n = ++seen[h.side().index()];
            names.add(h.side().label() + (n == 1 ? "" : Integer.toString(n)));
        }
        return names;
    }
}
