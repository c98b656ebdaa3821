package org.ambidex.data.ho3d;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.regex.Pattern;
import org.ambidex.core.BadInputException;
import org.ambidex.geom.Intrinsics;
import org.ambidex.hand.JointOrder;
import org.ambidex.io.DType;
import org.ambidex.io.NdArray;
import org.ambidex.io.pickle.PickleReader;

/**
 * One split of an HO-3D folder (v2 or v3): the list file {@code train.txt} or {@code evaluation.txt} is read whole
 * (lines {@code seq/frame}, a few megabytes); each frame's {@code <split>/<seq>/meta/<frame>.pkl} is read when the
 * frame is asked for, so iterating streams the split. Splits are named as S2HAND names them ({@code training}, which
 * reads {@code train.txt} and the {@code train} folder, or {@code evaluation}); {@code train} is accepted too.
 *
 * <p>Per frame: {@code camMat} (3 x 3 pinhole), {@code handJoints3D} (training: 21 x 3 in HO-3D's order;
 * evaluation: the root only), {@code handBoundingBox} (evaluation: x1, y1, x2, y2 pixels), and when present
 * {@code handPose} (48), {@code handBeta} (10), {@code handTrans} (3). Anything else in the file is ignored; a
 * missing or malformed value the split needs is one {@link BadInputException} naming the file.
 */
public final class Ho3dDataset implements Iterable<Ho3dSample> {

    /** The list files' names, {@code <name>.txt}. */
    private static final String TRAIN = "train";
    private static final String EVALUATION = "evaluation";
    /** Longer list files are not HO-3D's (v3's train.txt, the longest, is about 1.6 MB). */
    private static final long MAX_LIST_BYTES = 64L << 20;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]+");

    private final Path root;
    private final String folder;
    private final List<String[]> frames;

    private Ho3dDataset(Path root, String folder, List<String[]> frames) {
        this.root = root;
        this.folder = folder;
        this.frames = frames;
    }

    /** Whether {@code root} is an HO-3D folder: it holds {@code train.txt} or {@code evaluation.txt}. */
    public static boolean isHo3d(Path root) {
        return Files.isRegularFile(root.resolve(TRAIN + ".txt")) || Files.isRegularFile(root.resolve(EVALUATION + ".txt"));
    }

    /**
     * Opens split {@code split} ({@code training} or {@code train}, {@code evaluation}) of the HO-3D folder
     * {@code root}, reading its list file.
     */
    public static Ho3dDataset open(Path root, String split) {
        String folder = folderOf(split);
        Path list = root.resolve(folder + ".txt");
        if (!Files.isRegularFile(list)) {
            throw new BadInputException(list, "no such file; expected HO-3D's list of the " + split
                + " split (lines seq/frame)");
        }
        List<String> lines;
        try {
            if (Files.size(list) > MAX_LIST_BYTES) {
                throw new BadInputException(list, "is larger than " + (MAX_LIST_BYTES >> 20)
                    + " MiB; expected HO-3D's list of lines seq/frame");
            }
            lines = Files.readAllLines(list, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new BadInputException(list, "not readable as text (" + e + ")", e);
        }
        List<String[]> frames = new ArrayList<>(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty()) {
                continue;
            }
            String[] parts = line.split("/", -1);
            if (parts.length != 2 || !NAME.matcher(parts[0]).matches() || !NAME.matcher(parts[1]).matches()
                || parts[0].startsWith(".") || parts[1].startsWith(".")) {
                throw new BadInputException(list, "line " + (i + 1) + " is '" + abbreviate(line)
                    + "'; expected seq/frame (a sequence and a frame name, e.g. ABF10/0000)");
            }
            frames.add(parts);
        }
        if (frames.isEmpty()) {
            throw new BadInputException(list, "lists no frames; expected lines seq/frame");
        }
        return new Ho3dDataset(root, folder, List.copyOf(frames));
    }

    private static String folderOf(String split) {
        return switch (split) {
            case "training", TRAIN -> TRAIN;
            case EVALUATION -> EVALUATION;
            default -> throw new BadInputException("unknown HO-3D split '" + split
                + "'; expected training (train.txt) or evaluation (evaluation.txt)");
        };
    }

    public Path root() {
        return root;
    }

    /** Whether this is the evaluation split (frames with a bounding box and the root joint only). */
    public boolean isEvaluation() {
        return EVALUATION.equals(folder);
    }

    /** The split's name as S2HAND gives it: {@code training} or {@code evaluation}. */
    public String split() {
        return isEvaluation() ? EVALUATION : "training";
    }

    public int size() {
        return frames.size();
    }

    /** Frame {@code index}'s list line, {@code seq/frame}. */
    public String name(int index) {
        String[] f = frames.get(index);
        return f[0] + "/" + f[1];
    }

    /** Frame {@code index}'s image: {@code <split>/<seq>/rgb/<frame>.png}, or {@code .jpg} when only that exists (v3). */
    public Path image(int index) {
        Path rgb = frameFolder(index).resolve("rgb");
        String frame = frames.get(index)[1];
        Path png = rgb.resolve(frame + ".png");
        Path jpg = rgb.resolve(frame + ".jpg");
        return !Files.exists(png) && Files.exists(jpg) ? jpg : png;
    }

    /** Frame {@code index}'s annotation file, {@code <split>/<seq>/meta/<frame>.pkl}. */
    public Path meta(int index) {
        return frameFolder(index).resolve("meta").resolve(frames.get(index)[1] + ".pkl");
    }

    private Path frameFolder(int index) {
        return root.resolve(folder).resolve(frames.get(index)[0]);
    }

    /** Frame {@code index} with its annotation, read now. */
    public Ho3dSample sample(int index) {
        Path file = meta(index);
        if (!Files.isRegularFile(file)) {
            throw new BadInputException(file, "no such file; expected the HO-3D annotation of " + name(index));
        }
        Object value = PickleReader.read(file);
        if (!(value instanceof Map<?, ?> meta)) {
            throw new BadInputException(file, "holds a " + typeName(value) + "; expected HO-3D's dict of annotations");
        }
        double[] k = numbers(meta, "camMat", file, 9, true);
        if (k[1] != 0 || k[3] != 0 || k[6] != 0 || k[7] != 0 || k[8] != 1 || !(k[0] > 0) || !(k[4] > 0)) {
            throw new BadInputException(file, "camMat is not a pinhole matrix [[fx,0,cx],[0,fy,cy],[0,0,1]] with"
                + " positive focal lengths");
        }
        Intrinsics intrinsics = new Intrinsics(k[0], k[4], k[2], k[5]);
        double[] joints = null;
        double[] root = null;
        double[] box = null;
        if (isEvaluation()) {
            box = numbers(meta, "handBoundingBox", file, 4, true);
            if (!(box[2] > box[0]) || !(box[3] > box[1])) {
                throw new BadInputException(file, "handBoundingBox is " + java.util.Arrays.toString(box)
                    + "; expected x1, y1, x2, y2 with x2 > x1 and y2 > y1");
            }
            double[] r = numbers(meta, "handJoints3D", file, 3, false);
            root = r == null ? null : Ho3dCamera.toOpenCv(r);
        } else {
            double[] ho3d = numbers(meta, "handJoints3D", file, 63, true);
            joints = JointOrder.OPENPOSE.convert(Ho3dCamera.toOpenCv(ho3d), JointOrder.HO3D, 3);
            root = java.util.Arrays.copyOf(joints, 3);
        }
        String[] f = frames.get(index);
        return new Ho3dSample(index, f[0], f[1], image(index), intrinsics, joints, root, box,
            numbers(meta, "handPose", file, 48, false), numbers(meta, "handBeta", file, 10, false),
            numbers(meta, "handTrans", file, 3, false));
    }

    /** Frames in list order, each annotation read when the iteration reaches it. */
    @Override
    public Iterator<Ho3dSample> iterator() {
        return new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < frames.size();
            }

            @Override
            public Ho3dSample next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return sample(next++);
            }
        };
    }

    /**
     * The {@code count} finite numbers under {@code key}: a numpy array, a (nested) list or a number; null when the
     * key is absent or None and not {@code required}.
     */
    private static double[] numbers(Map<?, ?> meta, String key, Path file, int count, boolean required) {
        Object value = meta.get(key);
        if (value == null) {
            if (required) {
                throw new BadInputException(file, "has no " + key + (meta.containsKey(key) ? " (it is None)" : "")
                    + "; expected " + count + " numbers");
            }
            return null;
        }
        List<Double> flat = new ArrayList<>(count);
        if (!flatten(value, flat, count)) {
            throw new BadInputException(file, key + " is a " + typeName(value) + shape(value) + "; expected " + count
                + " numbers");
        }
        if (flat.size() != count) {
            throw new BadInputException(file, key + " holds " + flat.size() + " numbers" + shape(value) + "; expected "
                + count);
        }
        double[] out = new double[count];
        for (int i = 0; i < count; i++) {
            out[i] = flat.get(i);
            if (!Double.isFinite(out[i])) {
                throw new BadInputException(file, key + " holds " + out[i] + " at " + i + "; expected finite numbers");
            }
        }
        return out;
    }

    /** Appends the numbers of {@code value} to {@code out}; false when it is not numbers (or more than {@code max}). */
    private static boolean flatten(Object value, List<Double> out, int max) {
        if (value instanceof NdArray a) {
            if (a.size() > max || a.dtype().isComplex() || a.dtype() == DType.BOOL) {
                return false;
            }
            for (double d : a.toDoubleArray()) {
                out.add(d);
            }
            return true;
        }
        if (value instanceof Number n) {
            out.add(n.doubleValue());
            return out.size() <= max;
        }
        if (value instanceof List<?> list) {
            for (Object o : list) {
                if (o == null || !flatten(o, out, max) || out.size() > max) {
                    return false;
                }
            }
            return true;
        }
        return false;
    }

    private static String shape(Object value) {
        return value instanceof NdArray a ? " (shape " + java.util.Arrays.toString(a.shape()) + ")" : "";
    }

    private static String typeName(Object value) {
        if (value instanceof NdArray) {
            return "numpy array";
        }
        return value instanceof List<?> ? "list" : value instanceof Map<?, ?> ? "dict"
            : value == null ? "None" : value.getClass().getSimpleName();
    }

    private static String abbreviate(String s) {
        return s.length() > 60 ? s.substring(0, 60) + "..." : s;
    }
}
