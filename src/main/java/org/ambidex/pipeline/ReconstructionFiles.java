package org.ambidex.pipeline;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.ambidex.core.AtomicOutput;
import org.ambidex.core.MemoryBudget;
import org.ambidex.core.OutputSet;
import org.ambidex.io.image.Images;
import org.ambidex.render.Overlays;
import org.ambidex.render.Palette;
import org.ambidex.render.PictureSize;
import org.ambidex.render.SkeletonSheet;

/**
 * Writes the files of one reconstructed image, as {@code reconstruct} and {@code demo} do, as one set published
 * all at once:
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
     * Writes the files of {@code r} into {@code folder}, creating it when missing. The files are published together
     * ({@link OutputSet}): a failure or a kill part way leaves the previous set of {@code stem}, whole, and files of
     * {@code stem} that an earlier run wrote and this one does not (other mesh formats, pictures) are removed, so
     * the folder never holds two runs' files of one image. Pictures of a photo too large for the heap are drawn
     * smaller ({@link PictureSize}).
     *
     * @param stem the file-name stem
     * @param source the image as named in the JSON (its path as given)
     * @param image the image reconstructed, for the overlay (not modified)
     * @return the files written
     */
    public static List<Path> write(Path folder, String stem, String source, BufferedImage image, Reconstruction r,
                                   Options options) {
        try (OutputSet set = OutputSet.begin(folder, stem, family(stem))) {
            List<String> written = new ArrayList<>();
            AtomicOutput.writeString(set.file(stem + ".json"), ReconstructionJson.toJson(r, source));
            written.add(stem + ".json");
            if (options.pictures()) {
                writePictures(set, stem, image, r, options, written);
            }
            set.publish();
            return written.stream().map(set::published).toList();
        }
    }

    /** Every file name a set of {@code stem} may hold, whatever the options. */
    static List<String> family(String stem) {
        List<String> names = new ArrayList<>(List.of(stem + ".json", stem + "_overlay.png", stem + "_skeleton.png",
            stem + "_views.png", stem + "_hands.glb"));
        for (String side : List.of("right", "left")) {
            for (MeshFormat format : List.of(MeshFormat.OBJ, MeshFormat.PLY)) {
                names.add(stem + "_" + side + "." + format.extension());
            }
        }
        return names;
    }

    private static void writePictures(OutputSet set, String stem, BufferedImage image, Reconstruction r,
                                      Options options, List<String> written) {
        PictureSize size = PictureSize.over(image.getWidth(), image.getHeight(), ReconstructionMeshes.SUPERSAMPLING,
            2, MemoryBudget.current());
        BufferedImage overlay = size.copy(image);
        Overlays.drawBox(overlay, size.map(r.cropBox().x()), size.map(r.cropBox().y()),
            size.map(r.cropBox().x() + r.cropBox().width()), size.map(r.cropBox().y() + r.cropBox().height()),
            Palette.NEUTRAL);
        List<SkeletonSheet.Hand> skeletons = new ArrayList<>();
        boolean metric = r.metric();
        for (HandReconstruction h : r.hands()) {
            if (!h.present()) {
                continue;
            }
            double[] uv = h.joints2d();
            double[][] pts = new double[21][];
            for (int j = 0; j < 21; j++) {
                pts[j] = new double[] {size.map(uv[2 * j]), size.map(uv[2 * j + 1])};
            }
            Overlays.drawSkeleton(overlay, pts, h.side().index());
            skeletons.add(new SkeletonSheet.Hand(metric ? h.jointsCamera() : pixelsAndDepth(h, r),
                h.side().index()));
        }
        if (r.hands().stream().anyMatch(h -> h.mesh() != null)) {
            overlay = ReconstructionMeshes.write(set, stem, overlay, size, r, options.meshFormats(), written);
        }
        Images.write(set.file(stem + "_overlay.png"), overlay);
        written.add(stem + "_overlay.png");
        String caption = r.hands().isEmpty() ? "no hand found in the image"
            : skeletons.isEmpty() ? "no hand present (every candidate's presence is low)"
            : metric ? "camera frame, metres" : "x, y pixels; z depth, mm (right wrist = 0)";
        Images.write(set.file(stem + "_skeleton.png"), SkeletonSheet.render(skeletons, 320, caption));
        written.add(stem + "_skeleton.png");
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
