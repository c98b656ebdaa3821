package org.ambidex.data.interhand;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.ambidex.core.BadInputException;
import org.ambidex.data.Bbox;
import org.ambidex.data.HandType;

/**
 * The selected annotations of {@code InterHand2.6M_<split>_data.json} (COCO style, SEED_SPEC A.2), read in one
 * streaming pass and held in primitive columns (about 80 bytes per annotation; file names are kept only when they
 * differ from the standard {@code Capture<c>/<seq>/cam<cam>/image<frame>.jpg}).
 *
 * <p>Order: single-hand annotations first, then interacting ones, each in file order (the official loader's
 * {@code datalist_sh + datalist_ih}).
 */
final class DataIndex {

    /** Per hand type, how many annotations the file has (before the filter), for statistics. */
    final Map<HandType, Integer> fileCounts;

    private final List<String> strings;
    private final int size;
    private final long[] annotationId;
    private final long[] imageId;
    private final int[] capture;
    private final int[] frame;
    private final int[] sequence;
    private final int[] camera;
    private final int[] width;
    private final int[] height;
    private final double[] bbox;
    private final long[] validMask;
    private final byte[] handType;
    private final boolean[] handTypeValid;
    private final Map<Integer, String> oddFileNames;

    private DataIndex(Builder b, int[] order) {
        fileCounts = b.counts;
        strings = b.strings;
        size = order.length;
        annotationId = new long[size];
        imageId = new long[size];
        capture = new int[size];
        frame = new int[size];
        sequence = new int[size];
        camera = new int[size];
        width = new int[size];
        height = new int[size];
        bbox = new double[4 * size];
        validMask = new long[size];
        handType = new byte[size];
        handTypeValid = new boolean[size];
        oddFileNames = new HashMap<>();
        for (int i = 0; i < size; i++) {
            int a = order[i];
            int img = (int) b.imageRow.get(b.annImageId[a], -1);
            annotationId[i] = b.annId[a];
            imageId[i] = b.annImageId[a];
            capture[i] = b.imgCapture[img];
            frame[i] = b.imgFrame[img];
            sequence[i] = b.imgSequence[img];
            camera[i] = b.imgCamera[img];
            width[i] = b.imgWidth[img];
            height[i] = b.imgHeight[img];
            System.arraycopy(b.annBbox, 4 * a, bbox, 4 * i, 4);
            validMask[i] = b.annValid[a];
            handType[i] = b.annHandType[a];
            handTypeValid[i] = b.annHandTypeValid[a];
            String odd = b.oddFileNames.get(img);
            if (odd != null) {
                oddFileNames.put(i, odd);
            }
        }
    }

    int size() {
        return size;
    }

    long annotationId(int i) {
        return annotationId[i];
    }

    long imageId(int i) {
        return imageId[i];
    }

    int capture(int i) {
        return capture[i];
    }

    int frame(int i) {
        return frame[i];
    }

    String sequence(int i) {
        return strings.get(sequence[i]);
    }

    String camera(int i) {
        return strings.get(camera[i]);
    }

    int width(int i) {
        return width[i];
    }

    int height(int i) {
        return height[i];
    }

    Bbox bbox(int i) {
        return new Bbox(bbox[4 * i], bbox[4 * i + 1], bbox[4 * i + 2], bbox[4 * i + 3]);
    }

    boolean valid(int i, int joint) {
        return (validMask[i] >>> joint & 1L) != 0;
    }

    HandType handType(int i) {
        return HandType.values()[handType[i]];
    }

    boolean handTypeValid(int i) {
        return handTypeValid[i];
    }

    String fileName(int i) {
        String odd = oddFileNames.get(i);
        return odd != null ? odd : InterHandLayout.imageFileName(capture(i), sequence(i), camera(i), frame(i));
    }

    /** Streams {@code file} keeping what {@code filter} selects. */
    static DataIndex read(Path file, JsonFactory json, InterHandFilter filter) {
        Builder b = new Builder(file, filter);
        try (InputStream in = Files.newInputStream(file); JsonParser p = json.createParser(in)) {
            JsonReading.expect(file, p, JsonToken.START_OBJECT);
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                p.nextToken();
                if (name.equals("images")) {
                    b.readImages(p);
                } else if (name.equals("annotations")) {
                    b.readAnnotations(p);
                } else {
                    p.skipChildren();
                }
            }
        } catch (NoSuchFileException e) {
            throw new BadInputException(file, "no data file here; expected InterHand2.6M_<split>_data.json", e);
        } catch (IOException e) {
            throw new BadInputException(file, "not a readable COCO-style JSON data file (" + e.getMessage() + ")", e);
        }
        return new DataIndex(b, b.order());
    }

    /** Growable columns filled during the pass. */
    private static final class Builder {
        final Path file;
        final InterHandFilter filter;
        final Map<HandType, Integer> counts = new EnumMap<>(HandType.class);
        final List<String> strings = new ArrayList<>();
        final Map<String, Integer> stringIds = new HashMap<>();

        int images;
        long[] imgId = new long[1024];
        int[] imgCapture = new int[1024];
        int[] imgFrame = new int[1024];
        int[] imgSequence = new int[1024];
        int[] imgCamera = new int[1024];
        int[] imgWidth = new int[1024];
        int[] imgHeight = new int[1024];
        final Map<Integer, String> oddFileNames = new HashMap<>();
        LongLongMap imageRow = new LongLongMap(1024);

        int annotations;
        long[] annId = new long[1024];
        long[] annImageId = new long[1024];
        double[] annBbox = new double[4096];
        long[] annValid = new long[1024];
        byte[] annHandType = new byte[1024];
        boolean[] annHandTypeValid = new boolean[1024];

        Builder(Path file, InterHandFilter filter) {
            this.file = file;
            this.filter = filter;
        }

        int intern(String s) {
            return stringIds.computeIfAbsent(s, k -> {
                strings.add(k);
                return strings.size() - 1;
            });
        }

        void readImages(JsonParser p) throws IOException {
            if (p.currentToken() != JsonToken.START_ARRAY) {
                throw JsonReading.bad(file, p, "\"images\" as an array");
            }
            while (p.nextToken() == JsonToken.START_OBJECT) {
                long id = Long.MIN_VALUE;
                String fileName = null;
                String sequence = null;
                String cameraId = null;
                long captureNo = Long.MIN_VALUE;
                long frameNo = Long.MIN_VALUE;
                long w = 0;
                long h = 0;
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String key = p.currentName();
                    p.nextToken();
                    switch (key) {
                        case "id" -> id = JsonReading.integer(file, p);
                        case "file_name" -> fileName = JsonReading.text(file, p);
                        case "seq_name" -> sequence = JsonReading.text(file, p);
                        case "camera" -> cameraId = JsonReading.text(file, p);
                        case "capture" -> captureNo = JsonReading.integer(file, p);
                        case "frame_idx" -> frameNo = JsonReading.integer(file, p);
                        case "width" -> w = JsonReading.integer(file, p);
                        case "height" -> h = JsonReading.integer(file, p);
                        default -> p.skipChildren();
                    }
                }
                if (id == Long.MIN_VALUE || fileName == null || cameraId == null || captureNo == Long.MIN_VALUE
                    || frameNo == Long.MIN_VALUE) {
                    throw new BadInputException(file, "image entry " + (images + 1) + " (" + p.getParsingContext()
                        .pathAsPointer() + ") lacks id, file_name, capture, camera or frame_idx");
                }
                checkInt(p, captureNo, "capture");
                checkInt(p, frameNo, "frame_idx");
                if (!filter.acceptsCapture((int) captureNo) || !filter.acceptsCamera(cameraId)) {
                    continue;
                }
                if (sequence == null) {
                    sequence = "";
                }
                grow(images + 1);
                imgId[images] = id;
                imgCapture[images] = (int) captureNo;
                imgFrame[images] = (int) frameNo;
                imgSequence[images] = intern(sequence);
                imgCamera[images] = intern(cameraId);
                imgWidth[images] = (int) w;
                imgHeight[images] = (int) h;
                if (!fileName.equals(InterHandLayout.imageFileName((int) captureNo, sequence, cameraId, (int) frameNo))) {
                    oddFileNames.put(images, fileName);
                }
                if (!imageRow.put(id, images)) {
                    throw new BadInputException(file, "image id " + id + " appears twice; expected unique ids");
                }
                images++;
            }
            if (p.currentToken() != JsonToken.END_ARRAY) {
                throw JsonReading.bad(file, p, "image objects");
            }
        }

        void readAnnotations(JsonParser p) throws IOException {
            if (p.currentToken() != JsonToken.START_ARRAY) {
                throw JsonReading.bad(file, p, "\"annotations\" as an array");
            }
            double[] box = new double[4];
            double[] valid = new double[42];
            while (p.nextToken() == JsonToken.START_OBJECT) {
                long id = Long.MIN_VALUE;
                long imageId = Long.MIN_VALUE;
                HandType type = null;
                boolean typeValid = false;
                boolean hasBox = false;
                boolean hasValid = false;
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String key = p.currentName();
                    p.nextToken();
                    switch (key) {
                        case "id" -> id = JsonReading.integer(file, p);
                        case "image_id" -> imageId = JsonReading.integer(file, p);
                        case "bbox" -> {
                            JsonReading.exactly(file, p, box, "bbox [x, y, w, h]");
                            hasBox = true;
                        }
                        case "joint_valid" -> {
                            JsonReading.exactly(file, p, valid, "joint_valid (42)");
                            hasValid = true;
                        }
                        case "hand_type" -> {
                            String label = JsonReading.text(file, p);
                            type = HandType.ofLabel(label);
                            if (type == null) {
                                throw new BadInputException(file, "hand_type \"" + label + "\" at "
                                    + p.getParsingContext().pathAsPointer()
                                    + "; expected right, left or interacting");
                            }
                        }
                        case "hand_type_valid" -> typeValid = JsonReading.flag(file, p);
                        default -> p.skipChildren();
                    }
                }
                if (id == Long.MIN_VALUE || imageId == Long.MIN_VALUE || type == null || !hasBox || !hasValid) {
                    throw new BadInputException(file, "annotation entry " + (annotations + 1)
                        + " lacks id, image_id, bbox, joint_valid or hand_type");
                }
                counts.merge(type, 1, Integer::sum);
                if (!filter.handTypes().accepts(type) || (filter.validHandTypeOnly() && !typeValid)) {
                    continue;
                }
                growAnnotations(annotations + 1);
                annId[annotations] = id;
                annImageId[annotations] = imageId;
                System.arraycopy(box, 0, annBbox, 4 * annotations, 4);
                long mask = 0;
                for (int j = 0; j < 42; j++) {
                    if (valid[j] != 0) {
                        mask |= 1L << j;
                    }
                }
                annValid[annotations] = mask;
                annHandType[annotations] = (byte) type.ordinal();
                annHandTypeValid[annotations] = typeValid;
                annotations++;
            }
            if (p.currentToken() != JsonToken.END_ARRAY) {
                throw JsonReading.bad(file, p, "annotation objects");
            }
        }

        private void checkInt(JsonParser p, long value, String what) {
            if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
                throw new BadInputException(file, what + " " + value + " at " + p.getParsingContext().pathAsPointer()
                    + " is out of range; expected a 32-bit integer");
            }
        }

        /** Annotation rows to keep, single hands first, dropping annotations whose image was filtered out. */
        int[] order() {
            int[] single = new int[annotations];
            int[] inter = new int[annotations];
            int ns = 0;
            int ni = 0;
            for (int a = 0; a < annotations; a++) {
                if (!imageRow.contains(annImageId[a])) {
                    continue;
                }
                if (annHandType[a] == HandType.INTERACTING.ordinal()) {
                    inter[ni++] = a;
                } else {
                    single[ns++] = a;
                }
            }
            int[] all = Arrays.copyOf(single, ns + ni);
            System.arraycopy(inter, 0, all, ns, ni);
            return all;
        }

        private void grow(int n) {
            if (n <= imgId.length) {
                return;
            }
            int c = imgId.length * 2;
            imgId = Arrays.copyOf(imgId, c);
            imgCapture = Arrays.copyOf(imgCapture, c);
            imgFrame = Arrays.copyOf(imgFrame, c);
            imgSequence = Arrays.copyOf(imgSequence, c);
            imgCamera = Arrays.copyOf(imgCamera, c);
            imgWidth = Arrays.copyOf(imgWidth, c);
            imgHeight = Arrays.copyOf(imgHeight, c);
        }

        private void growAnnotations(int n) {
            if (n <= annId.length) {
                return;
            }
            int c = annId.length * 2;
            annId = Arrays.copyOf(annId, c);
            annImageId = Arrays.copyOf(annImageId, c);
            annBbox = Arrays.copyOf(annBbox, 4 * c);
            annValid = Arrays.copyOf(annValid, c);
            annHandType = Arrays.copyOf(annHandType, c);
            annHandTypeValid = Arrays.copyOf(annHandTypeValid, c);
        }
    }
}
