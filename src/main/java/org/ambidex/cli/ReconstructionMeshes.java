package org.ambidex.cli;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.ambidex.geom.Camera;
import org.ambidex.io.image.Images;
import org.ambidex.io.mesh.GlbWriter;
import org.ambidex.io.mesh.Mesh;
import org.ambidex.io.mesh.ObjWriter;
import org.ambidex.pipeline.HandReconstruction;
import org.ambidex.pipeline.Reconstruction;
import org.ambidex.render.Overlays;
import org.ambidex.render.Palette;
import org.ambidex.render.Scene;
import org.ambidex.render.SceneMesh;
import org.ambidex.render.ViewSheet;

/**
 * The mesh outputs of a mesh model's reconstruction: {@code NAME_right.obj} and {@code NAME_left.obj} (each hand,
 * camera frame, metres, whatever its presence), {@code NAME_hands.glb} (both hands, in their hand colours; the JSON
 * gives their presences), {@code NAME_views.png} (the present hands from the camera, side, top and an oblique view) and the
 * overlay with the meshes drawn over the photo.
 */
final class ReconstructionMeshes {

    /** Side of each view-sheet panel, pixels. */
    static final int PANEL = 360;
    /** Opacity of the meshes over the photo. */
    static final double OPACITY = 0.6;

    private ReconstructionMeshes() {
    }

    /** Writes the files and returns {@code overlay} with the present hands' meshes drawn over it. */
    static BufferedImage write(Path out, String stem, BufferedImage overlay, Reconstruction r) {
        String[] names = {"right", "left"};
        List<SceneMesh> present = new ArrayList<>();
        List<Mesh> glb = new ArrayList<>();
        for (HandReconstruction h : r.hands()) {
            int i = h.side().index();
            Mesh mesh = Mesh.of(names[i] + "_hand", h.mesh().vertices(), h.mesh().faces()).withComputedNormals();
            ObjWriter.write(out.resolve(stem + "_" + names[i] + ".obj"), mesh);
            glb.add(mesh.withMaterialColor(Palette.hand(i)));
            if (h.present()) {
                present.add(new SceneMesh(mesh, Palette.hand(i)));
            }
        }
        GlbWriter.write(out.resolve(stem + "_hands.glb"), glb);
        Camera camera = Camera.atOrigin(r.intrinsics());
        Scene scene = Scene.of(camera, r.imageWidth(), r.imageHeight()).withMeshes(present);
        Images.write(out.resolve(stem + "_views.png"), ViewSheet.render(scene, List.of(), PANEL));
        return present.isEmpty() ? overlay : Overlays.meshOverlay(overlay, camera, present, OPACITY);
    }
}
