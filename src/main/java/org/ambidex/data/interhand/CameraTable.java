package org.ambidex.data.interhand;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.ambidex.core.BadInputException;
import org.ambidex.geom.Camera;
import org.ambidex.geom.Extrinsics;
import org.ambidex.geom.Intrinsics;
import org.ambidex.geom.Mat3;
import org.ambidex.geom.Vec3;

/**
 * The cameras of a split ({@code InterHand2.6M_<split>_camera.json}, SEED_SPEC A.3), per capture and camera id.
 * The file gives {@code campos} (the camera centre, mm), {@code camrot} (world-to-camera R), {@code focal} and
 * {@code princpt} (pixels); here the extrinsics are in metres: {@code X_cam = R X + t}, {@code t = -R campos / 1000}.
 */
public final class CameraTable {

    private final Path file;
    private final Map<Integer, Map<String, Camera>> cameras;

    private CameraTable(Path file, Map<Integer, Map<String, Camera>> cameras) {
        this.file = file;
        this.cameras = cameras;
    }

    /** The camera {@code cameraId} of capture {@code capture}; fails with a clear line when the file lacks it. */
    public Camera get(int capture, String cameraId) {
        Map<String, Camera> byId = cameras.get(capture);
        Camera c = byId == null ? null : byId.get(cameraId);
        if (c == null) {
            throw new BadInputException(file, "no camera \"" + cameraId + "\" for capture " + capture
                + "; expected campos, camrot, focal and princpt entries for it");
        }
        return c;
    }

    /** Number of (capture, camera) pairs. */
    public int size() {
        return cameras.values().stream().mapToInt(Map::size).sum();
    }

    /** Reads the camera file (small: a few hundred cameras). */
    public static CameraTable read(Path file, JsonFactory json) {
        Map<Integer, Map<String, double[]>> campos = new HashMap<>();
        Map<Integer, Map<String, double[]>> camrot = new HashMap<>();
        Map<Integer, Map<String, double[]>> focal = new HashMap<>();
        Map<Integer, Map<String, double[]>> princpt = new HashMap<>();
        try (InputStream in = Files.newInputStream(file); JsonParser p = json.createParser(in)) {
            JsonReading.expect(file, p, JsonToken.START_OBJECT);
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                int capture = (int) JsonReading.parseKey(file, p, p.currentName());
                JsonReading.expect(file, p, JsonToken.START_OBJECT);
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String kind = p.currentName();
                    Map<Integer, Map<String, double[]>> target = switch (kind) {
                        case "campos" -> campos;
                        case "camrot" -> camrot;
                        case "focal" -> focal;
                        case "princpt" -> princpt;
                        default -> null;
                    };
                    p.nextToken();
                    if (target == null) {
                        p.skipChildren();
                        continue;
                    }
                    int n = kind.equals("camrot") ? 9 : kind.equals("campos") ? 3 : 2;
                    if (p.currentToken() != JsonToken.START_OBJECT) {
                        throw JsonReading.bad(file, p, "an object of camera ids");
                    }
                    Map<String, double[]> byId = target.computeIfAbsent(capture, k -> new HashMap<>());
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String id = p.currentName();
                        p.nextToken();
                        double[] values = new double[n];
                        JsonReading.exactly(file, p, values, kind);
                        byId.put(id, values);
                    }
                }
            }
        } catch (NoSuchFileException e) {
            throw new BadInputException(file, "no camera file here; expected InterHand2.6M_<split>_camera.json", e);
        } catch (IOException e) {
            throw new BadInputException(file, "not a readable camera JSON file (" + e.getMessage() + ")", e);
        }
        Map<Integer, Map<String, Camera>> cameras = new HashMap<>();
        for (var capture : campos.entrySet()) {
            for (var entry : capture.getValue().entrySet()) {
                String id = entry.getKey();
                double[] r = lookup(camrot, capture.getKey(), id);
                double[] f = lookup(focal, capture.getKey(), id);
                double[] c = lookup(princpt, capture.getKey(), id);
                if (r == null || f == null || c == null) {
                    throw new BadInputException(file, "capture " + capture.getKey() + " camera \"" + id
                        + "\" lacks camrot, focal or princpt; expected all four of campos, camrot, focal, princpt");
                }
                double[] pos = entry.getValue();
                Vec3 centre = new Vec3(pos[0] / 1000.0, pos[1] / 1000.0, pos[2] / 1000.0);
                Camera camera = new Camera(new Intrinsics(f[0], f[1], c[0], c[1]),
                    Extrinsics.fromRotationAndCentre(Mat3.ofRowMajor(r), centre));
                cameras.computeIfAbsent(capture.getKey(), k -> new HashMap<>()).put(id, camera);
            }
        }
        return new CameraTable(file, cameras);
    }

    private static double[] lookup(Map<Integer, Map<String, double[]>> m, int capture, String id) {
        Map<String, double[]> byId = m.get(capture);
        return byId == null ? null : byId.get(id);
    }
}
