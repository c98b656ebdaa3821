package org.ambidex.eval;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.ambidex.core.BadInputException;
import org.ambidex.geom.Vec3;
import org.ambidex.hand.JointOrder;

/**
 * Streams an {@code ambidex.predictions/1} file (docs/FORMATS.md): the header fields ({@code format},
 * {@code unit}, {@code joint_order}, optional {@code provenance}) must come before {@code samples}, whose entries
 * are then parsed one at a time, so files of any size are read in constant memory. Units {@code m} and
 * {@code mm} are accepted (converted to metres); joint orders {@code openpose} and {@code interhand} (one
 * InterHand2.6M hand block, tip first, wrist last; converted to OpenPose).
 *
 * <p>Every problem is a {@link BadInputException} naming the file, the sample and the field.
 */
public final class PredictionsReader implements Iterable<Prediction>, AutoCloseable {

    private static final JsonFactory JSON = JsonFactory.builder()
        .enable(com.fasterxml.jackson.core.StreamReadFeature.USE_FAST_DOUBLE_PARSER).build();
    /** For reads at an offset of a channel that stays open between reads. */
    private static final JsonFactory JSON_KEEP_OPEN = JsonFactory.builder()
        .enable(com.fasterxml.jackson.core.StreamReadFeature.USE_FAST_DOUBLE_PARSER)
        .disable(com.fasterxml.jackson.core.StreamReadFeature.AUTO_CLOSE_SOURCE).build();

    private final Path file;
    private JsonParser parser;
    private final Map<String, String> provenance;
    private final double toMetres;
    private final boolean interHandOrder;
    private boolean iterated;
    private int index;

    private PredictionsReader(Path file, JsonParser parser, Map<String, String> provenance, double toMetres,
                              boolean interHandOrder) {
        this.file = file;
        this.parser = parser;
        this.provenance = provenance;
        this.toMetres = toMetres;
        this.interHandOrder = interHandOrder;
    }

    /** Opens {@code file} and reads its header; the samples follow through {@link #iterator()}. */
    public static PredictionsReader open(Path file) {
        JsonParser p = null;
        try {
            if (!Files.isRegularFile(file)) {
                throw new BadInputException(file, "no such predictions file; expected an " + PredictionsFormat.FORMAT
                    + " JSON file");
            }
            p = JSON.createParser(file.toFile());
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new BadInputException(file, "expected a JSON object with \"format\": \""
                    + PredictionsFormat.FORMAT + "\"");
            }
            String format = null;
            String unit = null;
            String order = null;
            Map<String, String> provenance = new LinkedHashMap<>();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                p.nextToken();
                switch (name) {
                    case "format" -> format = text(p, file, name);
                    case "unit" -> unit = text(p, file, name);
                    case "joint_order" -> order = text(p, file, name);
                    case "provenance" -> readProvenance(p, file, provenance);
                    case "samples" -> {
                        if (!PredictionsFormat.FORMAT.equals(format)) {
                            throw new BadInputException(file, "\"format\" is " + (format == null ? "missing"
                                : "\"" + format + "\"") + " before \"samples\"; expected \"" + PredictionsFormat.FORMAT
                                + "\" first (this may be FreiHAND's pred.json: use --pred-format freihand)");
                        }
                        double scale = switch (unit == null ? "" : unit) {
                            case "m" -> 1;
                            case "mm" -> 1e-3;
                            default -> throw new BadInputException(file, "\"unit\" is " + (unit == null ? "missing"
                                : "\"" + unit + "\"") + "; expected \"m\" (or \"mm\") before \"samples\"");
                        };
                        boolean ih;
                        if (PredictionsFormat.OPENPOSE.equals(order)) {
                            ih = false;
                        } else if (PredictionsFormat.INTERHAND.equals(order)) {
                            ih = true;
                        } else {
                            throw new BadInputException(file, "\"joint_order\" is " + (order == null ? "missing"
                                : "\"" + order + "\"") + "; expected \"openpose\" or \"interhand\" before \"samples\"");
                        }
                        if (p.currentToken() != JsonToken.START_ARRAY) {
                            throw new BadInputException(file, "\"samples\" must be an array");
                        }
                        PredictionsReader reader = new PredictionsReader(file, p, Map.copyOf(provenance), scale, ih);
                        p = null;
                        return reader;
                    }
                    default -> p.skipChildren();
                }
            }
            throw new BadInputException(file, "no \"samples\" array; expected an " + PredictionsFormat.FORMAT
                + " file");
        } catch (IOException e) {
            throw new BadInputException(file, "not readable as JSON (" + describe(e) + ")", e);
        } finally {
            if (p != null) {
                try {
                    p.close();
                } catch (IOException ignored) {
                    // reporting the original problem matters more
                }
            }
        }
    }

    /** Reads every prediction of {@code file} into a list. */
    public static List<Prediction> readAll(Path file) {
        try (PredictionsReader r = open(file)) {
            List<Prediction> out = new ArrayList<>();
            r.forEach(out::add);
            return out;
        }
    }

    /** The file's provenance fields (strings), possibly empty. */
    public Map<String, String> provenance() {
        return provenance;
    }

    /** The samples, parsed as they are iterated; can be iterated once. */
    @Override
    public Iterator<Prediction> iterator() {
        if (iterated) {
            throw new IllegalStateException("the predictions of " + file + " can be iterated once");
        }
        iterated = true;
        return new Iterator<>() {
            private Prediction next = advance();

            @Override
            public boolean hasNext() {
                return next != null;
            }

            @Override
            public Prediction next() {
                if (next == null) {
                    throw new NoSuchElementException();
                }
                Prediction p = next;
                next = advance();
                return p;
            }
        };
    }

    private Prediction advance() {
        try {
            JsonToken t = parser.nextToken();
            if (t == JsonToken.END_ARRAY) {
                return null;
            }
            if (t != JsonToken.START_OBJECT) {
                throw bad("expected an object");
            }
            Prediction p = readSample();
            index++;
            return p;
        } catch (IOException e) {
            throw new BadInputException(file, "sample " + index + ": not readable as JSON (" + describe(e)
                + ")", e);
        }
    }

    private Prediction readSample() throws IOException {
        String id = null;
        HandPrediction right = null;
        HandPrediction left = null;
        Vec3 relRoot = null;
        boolean hadHands = false;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            switch (name) {
                case "id" -> {
                    if (value == JsonToken.VALUE_STRING || value == JsonToken.VALUE_NUMBER_INT) {
                        id = parser.getText();
                    } else {
                        throw bad("\"id\" must be a string");
                    }
                }
                case "hands" -> {
                    if (value != JsonToken.START_OBJECT) {
                        throw bad("\"hands\" must be an object with \"right\" and/or \"left\"");
                    }
                    hadHands = true;
                    while (parser.nextToken() == JsonToken.FIELD_NAME) {
                        String side = parser.currentName();
                        JsonToken handToken = parser.nextToken();
                        if (handToken == JsonToken.VALUE_NULL) {
                            continue;
                        }
                        switch (side) {
                            case "right" -> right = readHand("hands.right");
                            case "left" -> left = readHand("hands.left");
                            default -> throw bad("unknown hand \"" + side + "\"; expected \"right\" or \"left\"");
                        }
                    }
                }
                case "rel_root" -> {
                    if (value != JsonToken.VALUE_NULL) {
                        double[] v = readRows(value, 3, 1, "rel_root");
                        relRoot = new Vec3(v[0] * toMetres, v[1] * toMetres, v[2] * toMetres);
                    }
                }
                default -> parser.skipChildren();
            }
        }
        if (id == null) {
            throw bad("no \"id\"");
        }
        if (!hadHands) {
            throw bad("no \"hands\" (give {} for a frame without hands)");
        }
        return new Prediction(id, right, left, relRoot);
    }

    private HandPrediction readHand(String where) throws IOException {
        if (parser.currentToken() != JsonToken.START_OBJECT) {
            throw bad("\"" + where + "\" must be an object");
        }
        double[] joints = null;
        double[] vertices = null;
        double[] joints2d = null;
        double present = Double.NaN;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            switch (name) {
                case "joints" -> joints = value == JsonToken.VALUE_NULL ? null
                    : scale(reorder(readRows(value, 3, Hands.JOINTS, where + ".joints"), 3));
                case "vertices" -> vertices = value == JsonToken.VALUE_NULL ? null
                    : scale(readRows(value, 3, -1, where + ".vertices"));
                case "joints_2d" -> joints2d = value == JsonToken.VALUE_NULL ? null
                    : reorder(readRows(value, 2, Hands.JOINTS, where + ".joints_2d"), 2);
                case "present" -> {
                    if (value != JsonToken.VALUE_NULL) {
                        if (!value.isNumeric()) {
                            throw bad("\"" + where + ".present\" must be a number in [0, 1]");
                        }
                        present = parser.getDoubleValue();
                        if (!(present >= 0 && present <= 1)) {
                            throw bad("\"" + where + ".present\" is " + present + "; expected a number in [0, 1]");
                        }
                    }
                }
                default -> parser.skipChildren();
            }
        }
        if (joints == null && joints2d == null) {
            throw bad("\"" + where + "\" has neither \"joints\" nor \"joints_2d\"");
        }
        return new HandPrediction(joints, vertices, present, joints2d);
    }

    /**
     * Reads {@code [[a, b, c], ...]} (or a flat {@code [a, b, c]} when {@code rows == 1}) with {@code width}
     * numbers per row and {@code rows} rows ({@code -1}: any number, at least one).
     */
    private double[] readRows(JsonToken start, int width, int rows, String where) throws IOException {
        if (start != JsonToken.START_ARRAY) {
            throw bad("\"" + where + "\" must be an array");
        }
        List<double[]> chunks = new ArrayList<>();
        double[] buffer = new double[Math.max(width, rows > 0 ? rows * width : 1024 * width)];
        int n = 0;
        if (rows == 1) {
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                if (n >= width) {
                    throw bad("\"" + where + "\" must hold " + width + " numbers");
                }
                buffer[n++] = number(where);
            }
            if (n != width) {
                throw bad("\"" + where + "\" must hold " + width + " numbers, got " + n);
            }
            return java.util.Arrays.copyOf(buffer, width);
        }
        int count = 0;
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            if (parser.currentToken() != JsonToken.START_ARRAY) {
                throw bad("\"" + where + "\" must be an array of [" + (width == 3 ? "x, y, z" : "u, v") + "] rows");
            }
            if (rows > 0 && count >= rows) {
                throw bad("\"" + where + "\" must hold " + rows + " rows, got more");
            }
            int k = 0;
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                if (k >= width) {
                    throw bad("\"" + where + "\" row " + count + " must hold " + width + " numbers");
                }
                if (n == buffer.length) {
                    chunks.add(buffer);
                    buffer = new double[buffer.length];
                    n = 0;
                }
                buffer[n++] = number(where);
                k++;
            }
            if (k != width) {
                throw bad("\"" + where + "\" row " + count + " must hold " + width + " numbers, got " + k);
            }
            count++;
        }
        if (count == 0 || (rows > 0 && count != rows)) {
            throw bad("\"" + where + "\" must hold " + (rows > 0 ? rows : "at least one") + " rows, got " + count);
        }
        double[] out = new double[count * width];
        int at = 0;
        for (double[] c : chunks) {
            System.arraycopy(c, 0, out, at, c.length);
            at += c.length;
        }
        System.arraycopy(buffer, 0, out, at, n);
        return out;
    }

    private double number(String where) throws IOException {
        if (!parser.currentToken().isNumeric()) {
            throw bad("\"" + where + "\" holds a non-number (" + parser.getText() + ")");
        }
        double v = parser.getDoubleValue();
        if (!Double.isFinite(v)) {
            throw bad("\"" + where + "\" holds a non-finite number");
        }
        return v;
    }

    private double[] scale(double[] v) {
        if (toMetres != 1) {
            for (int i = 0; i < v.length; i++) {
                v[i] *= toMetres;
            }
        }
        return v;
    }

    /** Rows in the InterHand2.6M hand order moved to the OpenPose order; unchanged for OpenPose input. */
    private double[] reorder(double[] rows, int width) {
        if (!interHandOrder) {
            return rows;
        }
        return JointOrder.OPENPOSE.convert(rows, JointOrder.INTERHAND, width);
    }

    private BadInputException bad(String message) {
        return new BadInputException(file, "sample " + index + " (line " + parser.currentLocation().getLineNr()
            + "): " + message);
    }

    private static String text(JsonParser p, Path file, String name) throws IOException {
        if (p.currentToken() != JsonToken.VALUE_STRING) {
            throw new BadInputException(file, "\"" + name + "\" must be a string");
        }
        return p.getText();
    }

    private static void readProvenance(JsonParser p, Path file, Map<String, String> out) throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            throw new BadInputException(file, "\"provenance\" must be an object");
        }
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            JsonToken v = p.nextToken();
            if (v.isScalarValue()) {
                out.put(key, p.getText());
            } else {
                p.skipChildren();
            }
        }
    }

    /**
     * Scans the remaining samples once, recording where each starts, and returns random access by id; this
     * reader is used up. Each {@link Index#get(String)} parses one sample from its offset, so any number of
     * predictions can be matched to ground truth read in its own order, holding only the ids.
     *
     * @throws BadInputException when two samples share an id or a sample has no id
     */
    public Index index() {
        if (iterated) {
            throw new IllegalStateException("the predictions of " + file + " were already read");
        }
        iterated = true;
        Map<String, Long> offsets = new java.util.HashMap<>();
        try {
            JsonToken t;
            while ((t = parser.nextToken()) == JsonToken.START_OBJECT) {
                long offset = parser.currentTokenLocation().getByteOffset();
                String id = null;
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    JsonToken value = parser.nextToken();
                    if (name.equals("id") && (value == JsonToken.VALUE_STRING || value == JsonToken.VALUE_NUMBER_INT)) {
                        id = parser.getText();
                    } else {
                        parser.skipChildren();
                    }
                }
                if (id == null) {
                    throw bad("no \"id\"");
                }
                if (offsets.putIfAbsent(id, offset) != null) {
                    throw bad("the id \"" + id + "\" was already used by another sample");
                }
                index++;
            }
            if (t != JsonToken.END_ARRAY) {
                throw bad("expected an object");
            }
        } catch (IOException e) {
            throw new BadInputException(file, "sample " + index + ": not readable as JSON (" + describe(e) + ")", e);
        } finally {
            close();
        }
        return new Index(offsets);
    }

    /** Random access to the samples of a predictions file by id (not thread-safe; close it when done). */
    public final class Index implements AutoCloseable {
        private final Map<String, Long> offsets;
        private java.nio.channels.FileChannel channel;

        private Index(Map<String, Long> offsets) {
            this.offsets = offsets;
        }

        /** Number of samples in the file. */
        public int size() {
            return offsets.size();
        }

        /** The sample with id {@code id}, parsed now; null when the file has none. */
        public Prediction get(String id) {
            Long offset = offsets.get(id);
            if (offset == null) {
                return null;
            }
            try {
                if (channel == null) {
                    channel = java.nio.channels.FileChannel.open(file);
                }
                channel.position(offset);
                try (JsonParser p = JSON_KEEP_OPEN.createParser(java.nio.channels.Channels.newInputStream(channel))) {
                    parser = p;
                    if (p.nextToken() != JsonToken.START_OBJECT) {
                        throw new BadInputException(file, "the sample with id \"" + id + "\" changed since the file "
                            + "was indexed");
                    }
                    return readSample();
                }
            } catch (IOException e) {
                throw new BadInputException(file, "sample " + id + ": not readable (" + describe(e) + ")", e);
            }
        }

        @Override
        public void close() {
            if (channel != null) {
                try {
                    channel.close();
                } catch (IOException ignored) {
                    // nothing was written
                }
                channel = null;
            }
        }
    }

    static String describe(IOException e) {
        return e instanceof com.fasterxml.jackson.core.JsonProcessingException j ? j.getOriginalMessage()
            : e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    @Override
    public void close() {
        try {
            parser.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
