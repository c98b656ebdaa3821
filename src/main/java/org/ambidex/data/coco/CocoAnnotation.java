package org.ambidex.data.coco;

import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.Arrays;
import org.ambidex.hand.HandSide;

/**
 * The fields of one entry of a COCO file's {@code annotations} that hand instances are made of, as written; every
 * other field (segmentation, body and face keypoints) is skipped unread.
 */
final class CocoAnnotation {

    /** Values per hand keypoint entry: u, v, visibility. */
    static final int KEYPOINT_VALUES = 3 * CocoHandInstance.KEYPOINTS;

    final String item;
    Long id;
    Long imageId;
    boolean crowd;
    int numKeypoints = -1;
    double[] bbox;
    double[] keypoints;
    /** COCO-WholeBody hands, by {@link HandSide#index()}. */
    final double[][] handBox = new double[2][];
    final double[][] handKeypoints = new double[2][];
    final Boolean[] handValid = new Boolean[2];
    /** Whether any COCO-WholeBody hand field was present. */
    boolean wholeBody;

    private CocoAnnotation(String item) {
        this.item = item;
    }

    /** Reads the annotation object the parser is at (its start token). */
    static CocoAnnotation read(CocoJson json, int index) throws IOException {
        CocoAnnotation a = new CocoAnnotation("annotations[" + index + "]");
        if (json.parser.currentToken() != JsonToken.START_OBJECT) {
            throw json.bad(a.item, "an object");
        }
        while (json.parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = json.parser.currentName();
            json.parser.nextToken();
            String field = a.item + "." + name;
            switch (name) {
                case "id" -> a.id = json.integer(field);
                case "image_id" -> a.imageId = json.integer(field);
                case "iscrowd" -> a.crowd = json.flag(field);
                case "num_keypoints" -> a.numKeypoints = (int) json.integer(field);
                case "bbox" -> a.bbox = json.numbers(field, 4, "x, y, w, h");
                case "keypoints" -> a.keypoints = anyLength(json, field);
                case "lefthand_box", "righthand_box" -> a.handBox[side(name).index()] =
                    json.numbers(field, 4, "x, y, w, h");
                case "lefthand_kpts", "righthand_kpts" -> a.handKeypoints[side(name).index()] =
                    json.numbers(field, KEYPOINT_VALUES, "21 x [u, v, visibility]");
                case "lefthand_valid", "righthand_valid" -> a.handValid[side(name).index()] = json.flag(field);
                default -> json.parser.skipChildren();
            }
            a.wholeBody |= name.startsWith("lefthand_") || name.startsWith("righthand_");
        }
        if (a.id == null) {
            throw json.bad(a.item, "an \"id\"");
        }
        if (a.imageId == null) {
            throw json.bad(a.item + " (id " + a.id + ")", "an \"image_id\"");
        }
        return a;
    }

    private static HandSide side(String field) {
        return field.startsWith("left") ? HandSide.LEFT : HandSide.RIGHT;
    }

    /** A numeric array of any length (COCO-WholeBody's {@code keypoints} are the 17 body keypoints). */
    private static double[] anyLength(CocoJson json, String field) throws IOException {
        if (json.parser.currentToken() != JsonToken.START_ARRAY) {
            throw json.bad(field, "an array of numbers");
        }
        double[] out = new double[KEYPOINT_VALUES];
        int n = 0;
        while (json.parser.nextToken() != JsonToken.END_ARRAY) {
            if (n == out.length) {
                out = Arrays.copyOf(out, 2 * n);
            }
            out[n++] = json.number(field);
        }
        return Arrays.copyOf(out, n);
    }
}
