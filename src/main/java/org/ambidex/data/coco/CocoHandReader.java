package org.ambidex.data.coco;

import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ambidex.core.BadInputException;
import org.ambidex.hand.HandSide;

/**
 * Reads the hand instances of a COCO-format keypoint annotation file ({@link CocoHandFormat}). The file is streamed
 * twice (first its {@code images}, then its {@code annotations}, whatever their order in the file), each annotation
 * read field by field with everything but its hand fields skipped, so a 100 MB COCO-WholeBody file costs only its
 * hands' numbers in memory. The layout is decided by the first annotation: COCO-WholeBody when it has
 * {@code lefthand_*}/{@code righthand_*} fields; every other annotation must have the same layout.
 *
 * <p>COCO-WholeBody: each person annotation gives its left hand, then its right, when {@code *hand_valid} is true;
 * invalid hands are counted, not returned. Plain: each annotation with {@code bbox} and {@code keypoints} is one
 * hand; one without either is counted and skipped, as mmpose's {@code BaseCocoStyleDataset.parse_data_info} skips
 * it. Nothing else is filtered here: crowd flags, empty boxes and unlabelled hands are the evaluation's business.
 */
public final class CocoHandReader {

    private CocoHandReader() {
    }

    /**
     * Reads {@code file}.
     *
     * @throws BadInputException when the file is missing or not a COCO keypoint file, an annotation lacks its id or
     *     image, names an image the file does not list, mixes the two layouts, or holds a box or keypoint list of
     *     the wrong length; the message names the file, the annotation and what was expected
     */
    public static CocoHandSet read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new BadInputException(file, "no such file; expected a COCO-format hand keypoint annotation file "
                + "(JSON with \"images\" and \"annotations\")");
        }
        try {
            Map<Long, CocoImage> images = readImages(file);
            return readAnnotations(file, images);
        } catch (IOException e) {
            throw CocoJson.unreadable(file, e);
        }
    }

    private static Map<Long, CocoImage> readImages(Path file) throws IOException {
        Map<Long, CocoImage> images = new HashMap<>();
        try (CocoJson json = CocoJson.open(file)) {
            if (!json.seekArray("images")) {
                throw new BadInputException(file, "no \"images\" array; expected a COCO keypoint annotation file");
            }
            int index = 0;
            while (json.parser.nextToken() != JsonToken.END_ARRAY) {
                CocoImage image = readImage(json, "images[" + index++ + "]");
                if (images.putIfAbsent(image.id(), image) != null) {
                    throw new BadInputException(file, "two images have the id " + image.id() + "; expected unique "
                        + "image ids");
                }
            }
        }
        return images;
    }

    private static CocoImage readImage(CocoJson json, String item) throws IOException {
        if (json.parser.currentToken() != JsonToken.START_OBJECT) {
            throw json.bad(item, "an object");
        }
        Long id = null;
        String fileName = null;
        int width = -1;
        int height = -1;
        while (json.parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = json.parser.currentName();
            JsonToken value = json.parser.nextToken();
            switch (name) {
                case "id" -> id = json.integer(item + ".id");
                case "file_name" -> {
                    if (value != JsonToken.VALUE_STRING) {
                        throw json.bad(item + ".file_name", "a string");
                    }
                    fileName = json.parser.getText();
                }
                case "width" -> width = (int) json.integer(item + ".width");
                case "height" -> height = (int) json.integer(item + ".height");
                default -> json.parser.skipChildren();
            }
        }
        if (id == null || fileName == null) {
            throw json.bad(item, "an \"id\" and a \"file_name\"");
        }
        return new CocoImage(id, fileName, width, height);
    }

    private static CocoHandSet readAnnotations(Path file, Map<Long, CocoImage> images) throws IOException {
        List<CocoHandInstance> instances = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        CocoHandFormat format = null;
        long invalid = 0;
        long incomplete = 0;
        try (CocoJson json = CocoJson.open(file)) {
            if (!json.seekArray("annotations")) {
                throw new BadInputException(file, "no \"annotations\" array; expected a COCO keypoint annotation "
                    + "file");
            }
            int index = 0;
            while (json.parser.nextToken() != JsonToken.END_ARRAY) {
                CocoAnnotation a = CocoAnnotation.read(json, index++);
                CocoHandFormat layout = a.wholeBody ? CocoHandFormat.WHOLEBODY : CocoHandFormat.PLAIN;
                if (format == null) {
                    format = layout;
                } else if (layout != format) {
                    throw new BadInputException(file, a.item + " (id " + a.id + ") is a " + describe(layout)
                        + " annotation in a file whose first annotation is a " + describe(format) + " one; expected "
                        + "one layout per file");
                }
                CocoImage image = images.get(a.imageId);
                if (image == null) {
                    throw new BadInputException(file, a.item + " (id " + a.id + ") names image_id " + a.imageId
                        + ", which \"images\" does not list");
                }
                if (layout == CocoHandFormat.PLAIN) {
                    if (a.bbox == null || a.keypoints == null) {
                        incomplete++;
                        continue;
                    }
                    if (a.keypoints.length != CocoAnnotation.KEYPOINT_VALUES) {
                        throw new BadInputException(file, a.item + " (id " + a.id + ").keypoints: expected "
                            + CocoAnnotation.KEYPOINT_VALUES + " numbers (21 x [u, v, visibility]), got "
                            + a.keypoints.length);
                    }
                    add(file, instances, ids, instance(Long.toString(a.id), a, null, image, a.bbox, a.keypoints));
                    continue;
                }
                for (HandSide side : new HandSide[] {HandSide.LEFT, HandSide.RIGHT}) {
                    int h = side.index();
                    String prefix = side.label() + "hand_";
                    if (a.handValid[h] == null || a.handBox[h] == null || a.handKeypoints[h] == null) {
                        throw new BadInputException(file, a.item + " (id " + a.id + "): expected \"" + prefix
                            + "valid\", \"" + prefix + "box\" and \"" + prefix + "kpts\" (COCO-WholeBody)");
                    }
                    if (!a.handValid[h]) {
                        invalid++;
                        continue;
                    }
                    add(file, instances, ids, instance(a.id + "/" + side.label(), a, side, image, a.handBox[h],
                        a.handKeypoints[h]));
                }
            }
        }
        return new CocoHandSet(file, format == null ? CocoHandFormat.PLAIN : format, instances, invalid, incomplete);
    }

    private static CocoHandInstance instance(String id, CocoAnnotation a, HandSide side, CocoImage image, double[] box,
                                             double[] values) {
        int n = CocoHandInstance.KEYPOINTS;
        double[] uv = new double[2 * n];
        double[] visibility = new double[n];
        for (int k = 0; k < n; k++) {
            uv[2 * k] = values[3 * k];
            uv[2 * k + 1] = values[3 * k + 1];
            visibility[k] = values[3 * k + 2];
        }
        return new CocoHandInstance(id, a.id, side, side == null ? CocoHandFormat.PLAIN : CocoHandFormat.WHOLEBODY,
            image, Arrays.copyOf(box, 4), uv, visibility, a.crowd, side == null ? a.numKeypoints : -1);
    }

    private static void add(Path file, List<CocoHandInstance> out, Set<String> ids, CocoHandInstance instance) {
        if (!ids.add(instance.id())) {
            throw new BadInputException(file, "two annotations give the hand instance " + instance.id()
                + "; expected unique annotation ids");
        }
        out.add(instance);
    }

    private static String describe(CocoHandFormat format) {
        return format == CocoHandFormat.WHOLEBODY ? "COCO-WholeBody" : "plain hand";
    }
}
