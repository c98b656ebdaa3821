package org.ambidex.cli;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.ambidex.core.AtomicOutput;
import org.ambidex.io.image.Images;
import org.ambidex.pipeline.HandReconstruction;
import org.ambidex.pipeline.Reconstruction;
import org.ambidex.pipeline.ReconstructionJson;
import org.ambidex.render.Overlays;
import org.ambidex.render.Palette;
import org.ambidex.render.SkeletonSheet;

/**
 * The files of one reconstructed image, as {@code reconstruct} and {@code demo} write them: {@code STEM.json}
 * ({@code ambidex.reconstruction/1}); with pictures, {@code STEM_overlay.png} (box, skeletons and, for mesh models,
 * the meshes over the image), {@code STEM_skeleton.png}, and for mesh models the meshes and view sheet
 * ({@link ReconstructionMeshes}).
 */
final class ReconstructionFiles {

    private ReconstructionFiles() {
    }

    /**
     * Writes the files of {@code r} into {@code out}.
     *
     * @param source the image as named in the JSON
     * @param pictures whether to write the pictures and meshes too (else the JSON only)
     */
    static void write(Path out, String stem, String source, BufferedImage picture, Reconstruction r,
                      boolean pictures) {
        AtomicOutput.writeString(out.resolve(stem + ".json"), ReconstructionJson.toJson(r, source));
        if (!pictures) {
            return;
        }
        BufferedImage overlay = Images.toRgb(picture);
        Overlays.drawBox(overlay, r.cropBox().x(), r.cropBox().y(), r.cropBox().x() + r.cropBox().width(),
            r.cropBox().y() + r.cropBox().height(), Palette.NEUTRAL);
        List<SkeletonSheet.Hand> skeletons = new ArrayList<>();
        boolean metric = r.hands().stream().allMatch(h -> h.jointsCamera() != null);
        for (HandReconstruction h : r.hands()) {
            if (!h.present()) {
                continue;
            }
            double[] uv = h.joints2d();
            double[][] pts = new double[21][];
            for (int j = 0; j < 21; j++) {
                pts[j] = new double[] {uv[2 * j], uv[2 * j + 1]};
            }
            Overlays.drawSkeleton(overlay, pts, h.side().index());
            skeletons.add(new SkeletonSheet.Hand(metric ? h.jointsCamera() : pixelsAndDepth(h, r),
                h.side().index()));
        }
        if (r.hands().stream().allMatch(h -> h.mesh() != null)) {
            overlay = ReconstructionMeshes.write(out, stem, overlay, r);
        }
        Images.write(out.resolve(stem + "_overlay.png"), overlay);
        String caption = metric ? "camera frame, metres" : "x, y pixels; z depth, mm (right wrist = 0)";
        Images.write(out.resolve(stem + "_skeleton.png"), SkeletonSheet.render(skeletons, 320, caption));
    }

    /** x, y in pixels and z in millimetres from the right wrist, as the reference demo plots them. */
    private static double[] pixelsAndDepth(HandReconstruction h, Reconstruction r) {
        double[] uv = h.joints2d();
        double[] rel = h.relativeDepth();
        double offset = h.side().index() == 1 ? r.relativeRootDepth() : 0;
        double[] xyz = new double[63];
        for (int j = 0; j < 21; j++) {
            xyz[3 * j] = uv[2 * j];
            xyz[3 * j + 1] = uv[2 * j + 1];
            xyz[3 * j + 2] = (rel[j] + offset) * 1000;
        }
        return xyz;
    }
}
