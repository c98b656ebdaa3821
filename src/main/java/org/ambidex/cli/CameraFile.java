package org.ambidex.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Set;
import org.ambidex.core.BadInputException;
import org.ambidex.geom.Camera;
import org.ambidex.geom.Extrinsics;
import org.ambidex.geom.Intrinsics;
import org.ambidex.geom.Mat3;
import org.ambidex.geom.Vec3;

/**
 * A camera JSON file as InterHand2.6M describes one camera: {@code focal} (one number or {@code [fx, fy]},
 * pixels), {@code princpt} ({@code [cx, cy]}, pixels) and optionally the world-to-camera pose, either as
 * {@code R} (3x3, nested or 9 row-major numbers) and {@code t} (3 numbers, metres; {@code X_cam = R X + t}, as
 * InterHand2.6M's MANO rendering tool uses them), or as InterHand2.6M's {@code camrot} and {@code campos}
 * (camera centre in millimetres, {@code X_cam = camrot (X - campos)}). Without a pose the camera frame is the
 * world frame.
 */
final class CameraFile {

    private static final Set<String> KEYS = Set.of("focal", "princpt", "R", "t", "camrot", "campos");
    private static final long MAX_BYTES = 1 << 20;

    private CameraFile() {
    }

    static Camera read(Path file) {
        JsonNode root = JsonInput.read(file, "camera file", "a JSON object with focal, princpt and optionally R and"
            + " t", MAX_BYTES, false);
        if (root == null || !root.isObject()) {
            throw new BadInputException(file, "expected a JSON object with focal, princpt and optionally R and t");
        }
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!KEYS.contains(key)) {
                throw new BadInputException(file, "unknown key '" + key + "' (expected focal, princpt, R, t, or "
                    + "camrot and campos)");
            }
        }
        double[] focal = numbers(file, root, "focal", true);
        if (focal.length == 1) {
            focal = new double[] {focal[0], focal[0]};
        }
        if (focal.length != 2 || focal[0] <= 0 || focal[1] <= 0) {
            throw new BadInputException(file, "focal must be one positive number or [fx, fy]");
        }
        double[] princpt = numbers(file, root, "princpt", true);
        if (princpt.length != 2) {
            throw new BadInputException(file, "princpt must be [cx, cy], got " + princpt.length + " values");
        }
        Intrinsics k = new Intrinsics(focal[0], focal[1], princpt[0], princpt[1]);
        boolean rt = root.has("R") || root.has("t");
        boolean ih = root.has("camrot") || root.has("campos");
        if (rt && ih) {
            throw new BadInputException(file, "give either R and t (metres) or camrot and campos (mm), not both");
        }
        if (!rt && !ih) {
            return Camera.atOrigin(k);
        }
        Mat3 rotation = rotation(file, numbers(file, root, rt ? "R" : "camrot", true), rt ? "R" : "camrot");
        double[] v = numbers(file, root, rt ? "t" : "campos", true);
        if (v.length != 3) {
            throw new BadInputException(file, (rt ? "t" : "campos") + " must have 3 values, got " + v.length);
        }
        Extrinsics e = rt ? new Extrinsics(rotation, new Vec3(v[0], v[1], v[2]))
            : Extrinsics.fromRotationAndCentre(rotation, new Vec3(v[0] / 1000, v[1] / 1000, v[2] / 1000));
        return new Camera(k, e);
    }

    private static Mat3 rotation(Path file, double[] values, String key) {
        if (values.length != 9) {
            throw new BadInputException(file, key + " must be a 3x3 rotation, got " + values.length + " values");
        }
        Mat3 r = Mat3.ofRowMajor(values);
        if (r.times(r.transpose()).maxAbsDifference(Mat3.IDENTITY) > 1e-4 || Math.abs(r.determinant() - 1) > 1e-4) {
            throw new BadInputException(file, key + " is not a rotation matrix (orthonormal, determinant 1)");
        }
        return r;
    }

    /** The numbers of {@code key}, flattening one level of nesting (a 3x3 matrix). */
    private static double[] numbers(Path file, JsonNode root, String key, boolean required) {
        JsonNode v = root.get(key);
        if (v == null || v.isNull()) {
            if (required) {
                throw new BadInputException(file, "missing '" + key + "'");
            }
            return null;
        }
        if (v.isNumber()) {
            return new double[] {finite(file, key, v)};
        }
        if (!v.isArray()) {
            throw new BadInputException(file, key + " must be a number or a list of numbers");
        }
        java.util.List<Double> out = new java.util.ArrayList<>();
        for (JsonNode n : v) {
            if (n.isArray()) {
                for (JsonNode m : n) {
                    out.add(finite(file, key, m));
                }
            } else {
                out.add(finite(file, key, n));
            }
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static double finite(Path file, String key, JsonNode n) {
        if (!n.isNumber() || !Double.isFinite(n.asDouble())) {
            throw new BadInputException(file, key + " holds " + n + ", expected finite numbers");
        }
        return n.asDouble();
    }
}
