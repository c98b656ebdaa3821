package org.ambidex.hand;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.ambidex.core.BadInputException;
import org.ambidex.io.DType;
import org.ambidex.io.NdArray;
import org.ambidex.io.numpy.Npz;
import org.ambidex.io.numpy.TextArray;
import org.ambidex.io.pickle.PickleReader;
import org.ambidex.io.pickle.SparseMatrix;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads {@link HandModel}s: the official MANO {@code .pkl} files (read by the safe pickle reader, chumpy and
 * scipy objects resolved), {@code .npz} files with the same key names (any vertex count; the open model's
 * extras {@code tip_vertices} and {@code ambidex_meta} understood), a folder holding
 * {@code MANO_RIGHT}/{@code MANO_LEFT}, and the model name {@code open}.
 *
 * <p>The left-hand shapedirs defect of the released MANO files (SEED_SPEC.md D.5) is detected by comparing
 * with the right model beside the left file, fixed and logged, unless switched off.
 */
public final class HandModelLoader {

    /** The model spec naming ambidex's own open hand model. */
    public static final String OPEN = "open";

    private static final Logger LOG = LoggerFactory.getLogger(HandModelLoader.class);
    private static final List<String> REQUIRED = List.of("v_template", "f", "J_regressor", "weights", "posedirs",
        "shapedirs", "hands_components", "hands_mean", "kintree_table");
    private static final Set<String> KNOWN_TEXT = Set.of("bs_style", "bs_type");
    /** Threshold of the defect test used by every seed code base: sum |left_x - right_x| < 1. */
    private static final double DEFECT_THRESHOLD = 1.0;

    private HandModelLoader() {
    }

    /**
     * The model a command-line spec names: {@code open} (the {@link BuiltInHandModel} of that name, the right
     * hand when {@code side} is null) or a path to a {@code .pkl}, {@code .npz} or a folder.
     *
     * @param side the hand, or null to take it from the file name (or the model's metadata)
     * @param fixLeftShapedirs whether to detect and fix the left-hand shapedirs defect
     */
    public static HandModel resolve(String spec, HandSide side, boolean fixLeftShapedirs) {
        if (spec.strip().equalsIgnoreCase(OPEN)) {
            BuiltInHandModel open = BuiltInHandModel.named(OPEN).orElseThrow(() -> new BadInputException(
                "the open hand model is not part of this ambidex (no " + BuiltInHandModel.class.getSimpleName()
                    + " named '" + OPEN + "' is registered); use --model PATH with a MANO .pkl/.npz file or folder"));
            return open.load(side == null ? HandSide.RIGHT : side);
        }
        return load(Path.of(spec), side, fixLeftShapedirs);
    }

    /**
     * The model in {@code path}: a MANO {@code .pkl}, an {@code .npz}, or a folder holding
     * {@code MANO_RIGHT.pkl}/{@code MANO_LEFT.pkl} (or {@code .npz}).
     *
     * @param side the hand, or null to take it from the file name (or the model's metadata); a folder needs it
     * @throws BadInputException when the file is missing, unreadable or not a hand model
     */
    public static HandModel load(Path path, HandSide side, boolean fixLeftShapedirs) {
        Path file = path;
        if (Files.isDirectory(path)) {
            if (side == null) {
                throw new BadInputException(path, "a folder of MANO models needs the hand side (right or left)");
            }
            file = manoFileIn(path, side);
            if (file == null) {
                throw new BadInputException(path, "no MANO_" + side.label().toUpperCase(Locale.ROOT)
                    + ".pkl or .npz in this folder");
            }
        } else if (!Files.isRegularFile(path)) {
            throw new BadInputException(path, "no such hand model file (expected a MANO .pkl, an .npz or a folder)");
        }
        HandSide named = HandSide.fromFileName(file.getFileName().toString());
        if (side != null && named != null && side != named) {
            throw new BadInputException(file, "the file name says " + named + " hand but the " + side
                + " hand was asked for");
        }
        HandModel model = read(file, side);
        if (model.side() == HandSide.LEFT && fixLeftShapedirs) {
            model = fixLeftDefect(model, file);
        }
        return model;
    }

    /**
     * The model in one {@code .pkl} or {@code .npz} file, without the left-hand fix.
     *
     * @param side the hand, or null to take it from the file name or the model's metadata
     */
    public static HandModel read(Path file, HandSide side) {
        Map<String, Object> values = readValues(file);
        HandSide s = side != null ? side : HandSide.fromFileName(file.getFileName().toString());
        return fromValues(values, s, stem(file), file);
    }

    /**
     * A model from named arrays as found in MANO files ({@link NdArray}, {@link SparseMatrix} or text values).
     *
     * @param side the hand, or null to take it from {@code ambidex_meta}
     * @param file the source, named in error messages
     */
    public static HandModel fromValues(Map<String, ?> values, HandSide side, String name, Path file) {
        for (String key : REQUIRED) {
            if (!values.containsKey(key)) {
                throw new BadInputException(file, "not a hand model: no '" + key + "' (expected the MANO keys "
                    + String.join(", ", REQUIRED) + ")");
            }
        }
        checkText(values, file, "bs_style", "lbs");
        checkText(values, file, "bs_type", "lrotmin");
        String meta = null;
        if (values.get("ambidex_meta") != null) {
            meta = metadata(array(values, "ambidex_meta", file), file);
        }
        HandSide resolved = side != null ? side : sideFromMetadata(meta);
        if (resolved == null) {
            throw new BadInputException(file, "cannot tell which hand this model is: name the side (right or left)");
        }
        HandModel.Builder b = HandModel.builder(name, resolved).source(file.toString());
        try {
            b.vTemplate(array(values, "v_template", file))
                .faces(array(values, "f", file))
                .jRegressor(array(values, "J_regressor", file))
                .weights(array(values, "weights", file))
                .posedirs(array(values, "posedirs", file))
                .shapedirs(array(values, "shapedirs", file))
                .handsComponents(array(values, "hands_components", file))
                .handsMean(array(values, "hands_mean", file))
                .parents(parents(array(values, "kintree_table", file), file));
            if (values.get("tip_vertices") != null) {
                b.tipVertices(indices(array(values, "tip_vertices", file), "tip_vertices", file));
            }
            b.metadataJson(meta);
            for (Map.Entry<String, ?> e : values.entrySet()) {
                if (!REQUIRED.contains(e.getKey()) && e.getValue() instanceof NdArray a
                    && !e.getKey().equals("tip_vertices") && !e.getKey().equals("ambidex_meta")) {
                    b.extra(e.getKey(), a);
                }
            }
            return b.build();
        } catch (IllegalArgumentException e) {
            throw new BadInputException(file, "not a valid hand model: " + e.getMessage(), e);
        }
    }

    /**
     * Whether {@code left} shows the released left MANO file's defect: the x-components of its shape directions
     * equal the right model's ({@code sum |left[:,0,:] - right[:,0,:]| < 1}), where a mirrored model has them
     * negated.
     */
    public static boolean hasLeftShapedirsDefect(HandModel left, HandModel right) {
        if (left.vertexCount() != right.vertexCount() || left.shapeCount() != right.shapeCount()) {
            return false;
        }
        int s = left.shapeCount();
        double sum = 0;
        for (int v = 0; v < left.vertexCount(); v++) {
            for (int l = 0; l < s; l++) {
                int i = v * 3 * s + l;
                sum += Math.abs(left.shapedirs().getDouble(i) - right.shapedirs().getDouble(i));
            }
        }
        return sum < DEFECT_THRESHOLD;
    }

    private static HandModel fixLeftDefect(HandModel left, Path leftFile) {
        Path rightFile = rightCounterpart(leftFile);
        if (rightFile == null) {
            LOG.warn("{}: cannot check the left-hand shapedirs defect (SEED_SPEC D.5): no right-hand model beside "
                + "it; using the shape directions as stored", leftFile);
            return left;
        }
        HandModel right = read(rightFile, HandSide.RIGHT);
        if (!hasLeftShapedirsDefect(left, right)) {
            LOG.debug("{}: left shapedirs differ from {}: no fix needed", leftFile, rightFile);
            return left;
        }
        // Warning level so that it shows by default: the model used differs from the file as stored.
        LOG.warn("{}: the shape directions' x-components equal those of {} (the released left MANO defect); "
            + "negated them (keep them with --no-left-fix)", leftFile, rightFile.getFileName());
        return left.withShapedirsXNegated();
    }

    /** The right-hand file beside a left one: the same name with left replaced by right, .pkl or .npz. */
    static Path rightCounterpart(Path leftFile) {
        Path folder = leftFile.toAbsolutePath().getParent();
        String name = leftFile.getFileName().toString();
        String swapped = name.replace("LEFT", "RIGHT").replace("Left", "Right").replace("left", "right");
        if (swapped.equals(name)) {
            return null;
        }
        String base = swapped.contains(".") ? swapped.substring(0, swapped.lastIndexOf('.')) : swapped;
        for (String candidate : new String[] {swapped, base + ".pkl", base + ".npz"}) {
            Path p = folder.resolve(candidate);
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        return null;
    }

    private static Path manoFileIn(Path folder, HandSide side) {
        String base = "MANO_" + side.label().toUpperCase(Locale.ROOT);
        for (String ext : new String[] {".pkl", ".npz"}) {
            Path p = folder.resolve(base + ext);
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        return null;
    }

    private static Map<String, Object> readValues(Path file) {
        byte[] head = new byte[2];
        try (InputStream in = Files.newInputStream(file)) {
            int n = in.readNBytes(head, 0, 2);
            if (n < 2) {
                throw new BadInputException(file, "not a hand model: the file is " + n + " bytes long");
            }
        } catch (IOException e) {
            throw new BadInputException(file, "cannot read the file (" + e.getMessage() + ")", e);
        }
        Object value;
        if (head[0] == 'P' && head[1] == 'K') {
            refuseTorchArchive(file);
            value = Npz.readAll(file, false);
        } else if ((head[0] & 0xff) == 0x80 || head[0] == '(' || head[0] == '}') {
            value = PickleReader.read(file);
        } else {
            throw new BadInputException(file, "not a hand model: expected a MANO .pkl (Python pickle) or an .npz");
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw new BadInputException(file, "not a hand model: the pickle holds "
                + org.ambidex.io.pickle.PyTypeName.of(value) + ", expected a dictionary");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        map.forEach((k, v) -> out.put(String.valueOf(k), v));
        return out;
    }

    /** A PyTorch checkpoint is a zip too; named as what it is, not as a broken .npz. */
    private static void refuseTorchArchive(Path file) {
        try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(file.toFile())) {
            boolean torch = zip.stream().anyMatch(e -> e.getName().equals("data.pkl")
                || e.getName().endsWith("/data.pkl"));
            if (torch) {
                throw new BadInputException(file, "is a PyTorch checkpoint, not a hand model: expected a MANO .pkl,"
                    + " an .npz of its arrays, a folder holding MANO_RIGHT and MANO_LEFT, or 'open'");
            }
        } catch (IOException e) {
            // not a readable zip: the .npz reader says what is wrong with it
        }
    }

    private static NdArray array(Map<String, ?> values, String key, Path file) {
        Object v = values.get(key);
        if (v instanceof NdArray a) {
            return a;
        }
        if (v instanceof SparseMatrix s) {
            return s.toDense();
        }
        throw new BadInputException(file, "not a hand model: '" + key + "' is "
            + org.ambidex.io.pickle.PyTypeName.of(v) + ", expected a numeric array");
    }

    private static void checkText(Map<String, ?> values, Path file, String key, String expected) {
        Object v = values.get(key);
        String text = v instanceof String s ? s : v instanceof TextArray t && t.shape().length == 0 ? t.scalar() : null;
        if (v != null && text != null && !text.equals(expected)) {
            throw new BadInputException(file, "unsupported hand model: " + key + " is '" + text + "', expected '"
                + expected + "'");
        }
    }

    private static int[] parents(NdArray kintree, Path file) {
        if (kintree.ndim() != 2 || kintree.dim(0) != 2 || kintree.dim(1) != HandModel.JOINTS) {
            throw new BadInputException(file, "not a valid hand model: kintree_table must have shape (2,16), got ("
                + kintree.dim(0) + (kintree.ndim() > 1 ? "," + kintree.dim(1) : "") + ")");
        }
        int[] parents = new int[HandModel.JOINTS];
        for (int k = 0; k < HandModel.JOINTS; k++) {
            long p = kintree.getLong(k);
            // The official files store the root's parent as uint32 -1.
            parents[k] = p == 4294967295L || p == -1 ? -1 : (int) Math.max(Integer.MIN_VALUE, Math.min(p, 1 << 20));
        }
        return parents;
    }

    private static int[] indices(NdArray a, String key, Path file) {
        if (a.dtype().isFloating() || a.dtype().isComplex()) {
            throw new BadInputException(file, key + " must hold integers, got " + a.dtype().displayName());
        }
        long[] l = a.toLongArray();
        int[] out = new int[l.length];
        for (int i = 0; i < l.length; i++) {
            out[i] = (int) Math.max(-1, Math.min(l[i], Integer.MAX_VALUE));
        }
        return out;
    }

    private static String metadata(NdArray a, Path file) {
        if (a.dtype() != DType.UINT8 && a.dtype() != DType.INT8) {
            throw new BadInputException(file, "ambidex_meta must be UTF-8 bytes (uint8), got " + a.dtype().displayName());
        }
        return new String(a.bytes(), StandardCharsets.UTF_8);
    }

    private static HandSide sideFromMetadata(String json) {
        if (json == null) {
            return null;
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"side\"\\s*:\\s*\"(\\w+)\"").matcher(json);
        return m.find() ? HandSide.parseOrNull(m.group(1)) : null;
    }

    private static String stem(Path file) {
        String n = file.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot > 0 ? n.substring(0, dot) : n;
    }
}
