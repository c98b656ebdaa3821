package org.ambidex.nets.mediapipe;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.ambidex.core.BadInputException;
import org.ambidex.io.tflite.TfliteModel;
import org.ambidex.nets.tflite.TfliteNetwork;

/**
 * The networks of Google's MediaPipe Hands and MediaPipe Pose shipped inside ambidex (Apache-2.0; LICENSE and
 * PROVENANCE.md beside them under {@code org/ambidex/models/mediapipe/}), each with the SHA-256 its bytes must have
 * and its input ({@link #inputSize()}, {@link #inputMin()}).
 *
 * <ul>
 *   <li>palm detectors: input {@code [1, 192, 192, 3]} RGB in [0, 1]; outputs {@code [1, 2016, 18]} raw boxes and
 *       keypoints in 192-px units and {@code [1, 2016, 1]} score logits;</li>
 *   <li>hand landmark networks: input {@code [1, 224, 224, 3]} RGB in [0, 1]; outputs 21 landmarks
 *       {@code [1, 63]} in 224-px crop pixels, presence {@code [1, 1]} and handedness {@code [1, 1]}
 *       (probabilities), world landmarks {@code [1, 63]} in metres;</li>
 *   <li>pose detector: input {@code [1, 224, 224, 3]} RGB in [-1, 1]; outputs {@code [1, 2254, 12]} raw boxes and
 *       four keypoints in 224-px units and {@code [1, 2254, 1]} score logits;</li>
 *   <li>pose landmark networks: input {@code [1, 256, 256, 3]} RGB in [0, 1]; outputs 39 landmarks
 *       {@code [1, 195]} (x, y, z in 256-px crop pixels, visibility and presence logits), pose presence
 *       {@code [1, 1]}, segmentation logits {@code [1, 256, 256, 1]}, heat maps {@code [1, 64, 64, 39]}, world
 *       landmarks {@code [1, 117]} in metres.</li>
 * </ul>
 */
public enum MediaPipeModel {
    PALM_FULL("palm_detection_full.tflite", "2f25e740121983f68ffc05f99991d524dc0ea812134f6316a26125816941ee85",
        192, 0),
    PALM_LITE("palm_detection_lite.tflite", "e9a4aaddf90dda56a87235303cf00e4c2d3fb28725f68fd88772997dac905c18",
        192, 0),
    LANDMARK_FULL("hand_landmark_full.tflite", "8c026882c9ec059ce0f8e75266bee5a9a23c341a40e0000df755374d3d1b9b68",
        224, 0),
    LANDMARK_LITE("hand_landmark_lite.tflite", "d7fde8ac11f8ce03f8663775bfc323f4fc9f2a38062b4f4efa142874ef5b2a48",
        224, 0),
    POSE_DETECTION("pose_detection.tflite", "a63c614bef30d35947f13be361820b1e4e3bec9cfeebf4d11216a18373108e85",
        224, -1),
    POSE_LANDMARK_FULL("pose_landmark_full.tflite",
        "e9a5c5cb17f736fafd4c2ec1da3b3d331d6edbe8a0d32395855aeb2cdfd64b9f", 256, 0),
    POSE_LANDMARK_LITE("pose_landmark_lite.tflite",
        "f17bfbecadb61c3be1baa8b8d851cc6619c870a87167b32848ad20db306b9d61", 256, 0);

    private static final String FOLDER = "org/ambidex/models/mediapipe/";

    private final String fileName;
    private final String sha256;
    private final int inputSize;
    private final float inputMin;

    MediaPipeModel(String fileName, String sha256, int inputSize, float inputMin) {
        this.fileName = fileName;
        this.sha256 = sha256;
        this.inputSize = inputSize;
        this.inputMin = inputMin;
    }

    /** The side of the square input image in pixels: the input is {@code [1, inputSize, inputSize, 3]}. */
    public int inputSize() {
        return inputSize;
    }

    /**
     * The value black maps to in the input as MediaPipe feeds it (white is 1): 0 for RGB in [0, 1], -1 for the
     * pose detector's RGB in [-1, 1].
     */
    public float inputMin() {
        return inputMin;
    }

    /** The class-path resource, such as {@code org/ambidex/models/mediapipe/hand_landmark_full.tflite}. */
    public String resource() {
        return FOLDER + fileName;
    }

    /** The SHA-256 of the resource's bytes, lower-case hex. */
    public String sha256() {
        return sha256;
    }

    /** The validated model, read from the class path after its SHA-256 is checked. */
    public TfliteModel model() {
        return verified(resource(), bytes(), sha256);
    }

    /** The model in {@code bytes} of {@code resource}, once their SHA-256 is found to be {@code expected}. */
    static TfliteModel verified(String resource, byte[] bytes, String expected) {
        String actual = digest(bytes);
        if (!actual.equals(expected)) {
            throw new BadInputException(resource + ": SHA-256 is " + actual + "; expected " + expected
                + " (the bundled model was changed)");
        }
        return TfliteModel.read(bytes, resource);
    }

    /** The network on DJL's engine (close it when done). */
    public TfliteNetwork open() {
        return TfliteNetwork.load(model());
    }

    private byte[] bytes() {
        try (InputStream in = MediaPipeModel.class.getClassLoader().getResourceAsStream(resource())) {
            if (in == null) {
                throw new IllegalStateException("the class path lacks " + resource() + " (a broken build)");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + resource() + ": " + e.getMessage(), e);
        }
    }

    private static String digest(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-256", e);
        }
    }
}
