package org.ambidex.data.interhand;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

/**
 * Where the files of an InterHand2.6M-format dataset live (SEED_SPEC A.1), relative to its root folder:
 * {@code images/<split>/<file_name>}, {@code annotations/<split>/InterHand2.6M_<split>_{data,camera,joint_3d,
 * MANO_NeuralAnnot}.json}, {@code annotations/skeleton.txt} and
 * {@code rootnet_output/rootnet_interhand2.6m_output_<split>.json}.
 *
 * <p>An annotation subset (for example {@code all}, {@code human_annot}, {@code machine_annot} in the older
 * layout documented by third parties) puts the per-split folders one level deeper:
 * {@code annotations/<subset>/<split>/}.
 *
 * @param root the dataset's root folder
 */
public record InterHandLayout(Path root) {

    public InterHandLayout {
        Objects.requireNonNull(root, "root");
    }

    /** The kinds of annotation file of a split. */
    public enum AnnotationFile {
        DATA("data"),
        CAMERA("camera"),
        JOINT_3D("joint_3d"),
        MANO("MANO_NeuralAnnot");

        private final String suffix;

        AnnotationFile(String suffix) {
            this.suffix = suffix;
        }

        /** The file name for split {@code split}. */
        public String fileName(String split) {
            return "InterHand2.6M_" + split + "_" + suffix + ".json";
        }
    }

    public Path imagesFolder(String split) {
        return root.resolve("images").resolve(split);
    }

    /** The folder of a split's annotation files; {@code subset} may be null (the v1.0 layout). */
    public Path annotationsFolder(String split, String subset) {
        Path a = root.resolve("annotations");
        return (subset == null || subset.isEmpty() ? a : a.resolve(subset)).resolve(split);
    }

    public Path annotation(String split, String subset, AnnotationFile kind) {
        return annotationsFolder(split, subset).resolve(kind.fileName(split));
    }

    public Path skeleton() {
        return root.resolve("annotations").resolve("skeleton.txt");
    }

    public Path rootNetOutput(String split) {
        return root.resolve("rootnet_output")
            .resolve("rootnet_interhand2.6m_output_" + split.toLowerCase(Locale.ROOT) + ".json");
    }

    /** The standard image path relative to the split folder: {@code Capture<c>/<seq>/cam<cam>/image<frame>.jpg}. */
    public static String imageFileName(int capture, String sequence, String cameraId, int frame) {
        return "Capture" + capture + "/" + sequence + "/cam" + cameraId + "/image" + frame + ".jpg";
    }
}
