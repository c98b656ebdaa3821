package org.ambidex.data.freihand;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.ambidex.core.BadInputException;

/**
 * S2HAND's keypoint file ({@code detect_all.json}, as {@code ambidex keypoints} writes it):
 * {@code [keypoints, confidences]}, keypoints N x 21 x 2 image pixels and confidences N x 21 x 1 (a bare number per
 * joint is accepted too), entry i for image i of the split, joints in the OpenPose/FreiHAND order. Streamed, so
 * a file for all of FreiHAND's training images is never held as a JSON tree.
 *
 * @param source the file, for messages
 * @param keypoints per image 21 x 2 packed pixels
 * @param confidences per image 21 values (0: the joint was not detected)
 */
public record KeypointFile(Path source, List<double[]> keypoints, List<double[]> confidences) {

    private static final JsonFactory JSON = JsonFactory.builder().build();
    private static final int JOINTS = 21;

    public KeypointFile {
        if (keypoints.size() != confidences.size()) {
            throw new IllegalArgumentException(keypoints.size() + " keypoint sets for " + confidences.size()
                + " confidence sets");
        }
        keypoints = Collections.unmodifiableList(new ArrayList<>(keypoints));
        confidences = Collections.unmodifiableList(new ArrayList<>(confidences));
    }

    /** Images in the file. */
    public int size() {
        return keypoints.size();
    }

    /** Whether image {@code index} has a detected joint (a confidence above zero). */
    public boolean detected(int index) {
        for (double c : confidences.get(index)) {
            if (c > 0) {
                return true;
            }
        }
        return false;
    }

    /** Reads {@code file}; anything but the layout above is bad input naming the file and the entry. */
    public static KeypointFile read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new BadInputException(file, "no such file; expected S2HAND's keypoint file [keypoints N x 21 x 2,"
                + " confidences N x 21 x 1] (ambidex keypoints writes it)");
        }
        try (JsonParser p = JSON.createParser(file.toFile())) {
            expect(p, JsonToken.START_ARRAY, file, "a list [keypoints, confidences]");
            expect(p, JsonToken.START_ARRAY, file, "the keypoints, a list of 21 x 2 arrays, first");
            List<double[]> points = new ArrayList<>();
            while (p.nextToken() == JsonToken.START_ARRAY) {
                points.add(readJoints(p, file, points.size(), 2, "keypoints"));
            }
            expect(p, JsonToken.START_ARRAY, file, "the confidences, a list of 21 x 1 arrays, second");
            List<double[]> confidences = new ArrayList<>();
            while (p.nextToken() == JsonToken.START_ARRAY) {
                confidences.add(readJoints(p, file, confidences.size(), 1, "confidences"));
            }
            if (p.nextToken() != JsonToken.END_ARRAY) {
                throw new BadInputException(file, "holds more than [keypoints, confidences]");
            }
            if (points.size() != confidences.size()) {
                throw new BadInputException(file, "has " + points.size() + " keypoint sets but " + confidences.size()
                    + " confidence sets; expected one of each per image");
            }
            return new KeypointFile(file, points, confidences);
        } catch (IOException e) {
            String why = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.toString();
            throw new BadInputException(file, "not readable as JSON (" + why + ")", e);
        }
    }

    private static void expect(JsonParser p, JsonToken token, Path file, String what) throws IOException {
        if (p.nextToken() != token) {
            throw new BadInputException(file, "expected " + what);
        }
    }

    /** One image's 21 rows of {@code width} numbers (a bare number for width 1); the parser is on its '['. */
    private static double[] readJoints(JsonParser p, Path file, int entry, int width, String what)
        throws IOException {
        double[] out = new double[JOINTS * width];
        int joint = 0;
        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
            if (joint >= JOINTS) {
                throw new BadInputException(file, what + " entry " + entry + " has more than " + JOINTS + " joints");
            }
            if (width == 1 && t.isNumeric()) {
                out[joint++] = p.getDoubleValue();
                continue;
            }
            if (t != JsonToken.START_ARRAY) {
                throw new BadInputException(file, what + " entry " + entry + " joint " + joint + " is not a list of "
                    + width + " numbers");
            }
            int c = 0;
            while (p.nextToken() != JsonToken.END_ARRAY) {
                if (!p.currentToken().isNumeric() || c >= width) {
                    throw new BadInputException(file, what + " entry " + entry + " joint " + joint + " must hold "
                        + width + " numbers");
                }
                out[joint * width + c++] = p.getDoubleValue();
            }
            if (c != width) {
                throw new BadInputException(file, what + " entry " + entry + " joint " + joint + " must hold " + width
                    + " numbers, got " + c);
            }
            joint++;
        }
        if (joint != JOINTS) {
            throw new BadInputException(file, what + " entry " + entry + " has " + joint + " joints; expected "
                + JOINTS);
        }
        return out;
    }
}
