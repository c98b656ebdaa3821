package org.ambidex.pipeline;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.ambidex.core.AtomicOutput;
import org.ambidex.core.BadInputException;
import org.ambidex.io.image.Images;
import org.ambidex.render.Overlays;
import org.ambidex.render.Palette;
import org.ambidex.render.SkeletonSheet;

/**
 * Writes the files of one reconstructed image, as {@code reconstruct} and {@code demo} do, each atomically:
 * <ul>
 *   <li>{@code STEM.json}: the reconstruction, {@code ambidex.reconstruction/1} (docs/FORMATS.md);</li>
 *   <li>with pictures: {@code STEM_overlay.png} (the crop box, both skeletons and, for mesh models, the present
 *       hands' meshes over the image) and {@code STEM_skeleton.png} (the 3-D skeletons from four sides);</li>
 *   <li>for mesh models, with pictures: the meshes in the chosen formats ({@code STEM_right.obj},
 *       {@code STEM_left.obj}, {@code .ply} likewise, {@code STEM_hands.glb} with both) and {@code STEM_views.png}
 *       ({@link ReconstructionMeshes}).</li>
 * </ul>
 */
public final class ReconstructionFiles {

    private ReconstructionFiles() {
    }

    /** A mesh file format. */
    public enum MeshFormat {
        /** Wavefront OBJ, one file per hand. */
        OBJ,
        /** Binary little-endian PLY, one file per hand. */
        PLY,
        /** glTF 2.0 binary, both hands as named nodes of one file. */
        GLB;

        /** The file name extension, without the dot. */
        public String extension() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * What to write besides the JSON.
     *
     * @param pictures whether to write the pictures and meshes (else the JSON only)
     * @param meshFormats the mesh formats of a mesh model's hands
     */
    public record Options(boolean pictures, Set<MeshFormat> meshFormats) {

        /** The JSON, the pictures, OBJ and GLB meshes: what {@code reconstruct} writes by default. */
        public static final Options DEFAULT = new Options(true, EnumSet.of(MeshFormat.OBJ, MeshFormat.GLB));
        /** The JSON only. */
        public static final Options JSON_ONLY = new Options(false, EnumSet.noneOf(MeshFormat.class));

        public Options {
            meshFormats = meshFormats.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(meshFormats));
        }
    }

    /** Writes the default set ({@link Options#DEFAULT}) of {@code r}, reconstructed from {@code image}. */
    public static List<Path> write(Path folder, String stem, BufferedImage image, Reconstruction r) {
        return write(folder, stem, stem, image, r, Options.DEFAULT);
    }

    /**
     * Writes the files of {@code r} into {@code folder}, creating it when missing.
     *
     * @param stem the file-name stem
     * @param source the image as named in the JSON (its path as given)
     * @param image the image reconstructed, for the overlay
     * @return the files written
     */
    public static List<Path> write(Path folder, String stem, String source, BufferedImage image, Reconstruction r,
                                   Options options) {
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new BadInputException(folder, "cannot create the output folder (" + e + ")", e);
        }
        List<Path> written = new ArrayList<>();
        Path json = folder.resolve(stem + ".json");
        AtomicOutput.writeString(json, ReconstructionJson.toJson(r, source));
        written.add(json);
        if (!options.pictures()) {
            return written;
        }
        BufferedImage overlay = Images.toRgb(image);
        Overlays.drawBox(overlay, r.cropBox().x(), r.cropBox().y(), r.cropBox().x() + r.cropBox().width(),
            r.cropBox().y() + r.cropBox().height(), Palette.NEUTRAL);
        List<SkeletonSheet.Hand> skeletons = new ArrayList<>();
        boolean metric = r.metric();
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
        if (r.hands().stream().anyMatch(h -> h.mesh() != null)) {
            overlay = ReconstructionMeshes.write(folder, stem, overlay, r, options.meshFormats(), written);
        }
        Path overlayFile = folder.resolve(stem + "_overlay.png");
        Images.write(overlayFile, overlay);
        written.add(overlayFile);
        String caption = metric ? "camera frame, metres" : "x, y pixels; z depth, mm (right wrist = 0)";
        Path skeletonFile = folder.resolve(stem + "_skeleton.png");
        Images.write(skeletonFile, SkeletonSheet.render(skeletons, 320, caption));
        written.add(skeletonFile);
        return written;
    }

    /** x, y in pixels and z in millimetres from the right wrist, as the reference demo plots them. */
    private static double[] pixelsAndDepth(HandReconstruction h, Reconstruction r) {
        double[] uv = h.joints2d();
        double[] rel = h.relativeDepth();
        double offset = h.side().index() == 1 && r.relativeRootDepth() != null ? r.relativeRootDepth() : 0;
        double[] xyz = new double[63];
        for (int j = 0; j < 21; j++) {
            xyz[3 * j] = uv[2 * j];
            xyz[3 * j + 1] = uv[2 * j + 1];
            xyz[3 * j + 2] = (rel[j] + offset) * 1000;
        }
        return xyz;
    }
}
