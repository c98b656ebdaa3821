package org.ambidex.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ambidex.core.BadInputException;

/**
 * The parameters file of {@code ambidex pose}: a JSON object, or a list of objects, each with optional
 * {@code betas} (1..maxBetas numbers), {@code global_orient} (3 axis-angle values, 6 for the 6-D
 * representation, or 9 for a row-major rotation matrix), {@code hand_pose} (45 axis-angle values, or the
 * given number of PCA coefficients) and {@code transl} (3 numbers, metres). Missing entries are zeros.
 */
final class PoseParamsFile {

    /** One hand's parameters; lengths already checked. */
    record Entry(double[] betas, double[] globalOrient, double[] handPose, double[] transl) {
    }

    private static final Set<String> KEYS = Set.of("betas", "global_orient", "hand_pose", "transl");
    private static final long MAX_BYTES = 1L << 30;

    private PoseParamsFile() {
    }

    /**
     * The entries of {@code file}, in order.
     *
     * @param handPoseLength 45 for axis-angle finger poses, or the number of PCA coefficients
     * @param maxBetas the model's number of shape directions
     */
    static List<Entry> read(Path file, int handPoseLength, int maxBetas) {
        JsonNode root = JsonInput.read(file, "parameters file", "a JSON object or a list of objects with betas,"
            + " global_orient, hand_pose, transl", MAX_BYTES, true);
        List<JsonNode> objects = new ArrayList<>();
        if (root.isObject()) {
            objects.add(root);
        } else if (root.isArray()) {
            root.forEach(objects::add);
            if (objects.isEmpty()) {
                throw new BadInputException(file, "the list of parameter objects is empty");
            }
        } else {
            throw new BadInputException(file, "expected a JSON object or a list of objects with betas, global_orient, "
                + "hand_pose, transl");
        }
        List<Entry> entries = new ArrayList<>(objects.size());
        for (int i = 0; i < objects.size(); i++) {
            entries.add(entry(file, objects.get(i), objects.size() > 1 ? "entry " + i + ": " : "", handPoseLength,
                maxBetas));
        }
        return entries;
    }

    /** Fails when an entry has more betas than the model's {@code shapeCount} shape directions. */
    static void checkBetas(Path file, List<Entry> entries, int shapeCount) {
        for (int i = 0; i < entries.size(); i++) {
            int n = entries.get(i).betas().length;
            if (n > shapeCount) {
                throw new BadInputException(file, (entries.size() > 1 ? "entry " + i + ": " : "") + "betas has " + n
                    + " values, the model takes at most " + shapeCount);
            }
        }
    }

    private static Entry entry(Path file, JsonNode node, String where, int handPoseLength, int maxBetas) {
        if (!node.isObject()) {
            throw new BadInputException(file, where + "expected an object with betas, global_orient, hand_pose, transl");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            String key = it.next().getKey();
            if (!KEYS.contains(key)) {
                throw new BadInputException(file, where + "unknown key '" + key
                    + "' (expected betas, global_orient, hand_pose, transl)");
            }
        }
        double[] betas = numbers(file, node, "betas", where);
        if (betas == null) {
            betas = new double[0];
        } else if (betas.length > maxBetas) {
            throw new BadInputException(file, where + "betas has " + betas.length + " values, the model takes at most "
                + maxBetas);
        }
        double[] orient = numbers(file, node, "global_orient", where);
        if (orient == null) {
            orient = new double[3];
        } else if (orient.length != 3 && orient.length != 6 && orient.length != 9) {
            throw new BadInputException(file, where + "global_orient has " + orient.length
                + " values, expected 3 (axis-angle), 6 (6-D) or 9 (rotation matrix)");
        }
        double[] pose = numbers(file, node, "hand_pose", where);
        if (pose == null) {
            pose = new double[handPoseLength];
        } else if (pose.length != handPoseLength) {
            throw new BadInputException(file, where + "hand_pose has " + pose.length + " values, expected "
                + handPoseLength + (handPoseLength == 45 ? " axis-angle values (use --pca N for N PCA coefficients)"
                : " PCA coefficients (--pca " + handPoseLength + ")"));
        }
        double[] transl = numbers(file, node, "transl", where);
        if (transl == null) {
            transl = new double[3];
        } else if (transl.length != 3) {
            throw new BadInputException(file, where + "transl has " + transl.length + " values, expected 3");
        }
        return new Entry(betas, orient, pose, transl);
    }

    private static double[] numbers(Path file, JsonNode node, String key, String where) {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isArray()) {
            throw new BadInputException(file, where + key + " must be a list of numbers");
        }
        double[] out = new double[v.size()];
        for (int i = 0; i < out.length; i++) {
            JsonNode n = v.get(i);
            if (!n.isNumber()) {
                throw new BadInputException(file, where + key + "[" + i + "] is " + (n.isArray() ? "a list" : n.toString())
                    + ", expected a number (a flat list of numbers)");
            }
            double d = n.asDouble();
            if (!Double.isFinite(d)) {
                throw new BadInputException(file, where + key + "[" + i + "] is " + d + ", expected a finite number");
            }
            out[i] = d;
        }
        return out;
    }
}
