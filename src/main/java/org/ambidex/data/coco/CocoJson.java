package org.ambidex.data.coco;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.file.Path;
import org.ambidex.core.BadInputException;

/**
 * A streaming parser over one COCO file with typed reads that fail with a one-line {@link BadInputException}
 * naming the file, the item being read, what was expected and the line.
 */
final class CocoJson implements AutoCloseable {

    private static final JsonFactory JSON = JsonFactory.builder()
        .enable(com.fasterxml.jackson.core.StreamReadFeature.USE_FAST_DOUBLE_PARSER).build();

    final Path file;
    final JsonParser parser;

    private CocoJson(Path file, JsonParser parser) {
        this.file = file;
        this.parser = parser;
    }

    /** Opens {@code file} and moves to the start of its top-level object. */
    static CocoJson open(Path file) throws IOException {
        JsonParser p = JSON.createParser(file.toFile());
        CocoJson json = new CocoJson(file, p);
        if (p.nextToken() != JsonToken.START_OBJECT) {
            p.close();
            throw new BadInputException(file, "expected a JSON object with \"images\" and \"annotations\" (a COCO "
                + "keypoint annotation file)");
        }
        return json;
    }

    /**
     * Moves to the value of the top-level field {@code name} (which must be an array), skipping the others; false
     * when the object ends without it.
     */
    boolean seekArray(String name) throws IOException {
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            if (field.equals(name)) {
                if (value != JsonToken.START_ARRAY) {
                    throw bad("\"" + name + "\"", "an array");
                }
                return true;
            }
            parser.skipChildren();
        }
        return false;
    }

    /** The current token as a number. */
    double number(String item) throws IOException {
        if (!parser.currentToken().isNumeric()) {
            throw bad(item, "a number");
        }
        return parser.getDoubleValue();
    }

    /** The current token as an integer (an id written as a number or as digits). */
    long integer(String item) throws IOException {
        JsonToken t = parser.currentToken();
        if (t == JsonToken.VALUE_NUMBER_INT) {
            return parser.getLongValue();
        }
        if (t == JsonToken.VALUE_STRING) {
            try {
                return Long.parseLong(parser.getText().strip());
            } catch (NumberFormatException e) {
                throw bad(item, "an integer");
            }
        }
        throw bad(item, "an integer");
    }

    /** The current token as a flag: a boolean, or a number (non-zero is true). */
    boolean flag(String item) throws IOException {
        JsonToken t = parser.currentToken();
        if (t == JsonToken.VALUE_TRUE || t == JsonToken.VALUE_FALSE) {
            return t == JsonToken.VALUE_TRUE;
        }
        return number(item) != 0;
    }

    /** The current token (an array start) and what follows as exactly {@code n} numbers. */
    double[] numbers(String item, int n, String layout) throws IOException {
        if (parser.currentToken() != JsonToken.START_ARRAY) {
            throw bad(item, "an array of " + n + " numbers (" + layout + ")");
        }
        double[] out = new double[n];
        int k = 0;
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            if (k == n) {
                throw bad(item, "exactly " + n + " numbers (" + layout + "), got more");
            }
            out[k++] = number(item);
        }
        if (k != n) {
            throw bad(item, "exactly " + n + " numbers (" + layout + "), got " + k);
        }
        return out;
    }

    /** A failure reading {@code item}: what was expected, and where. */
    BadInputException bad(String item, String expected) {
        return new BadInputException(file, item + ": expected " + expected + " (line "
            + parser.currentTokenLocation().getLineNr() + ")");
    }

    /** An unreadable file. */
    static BadInputException unreadable(Path file, IOException e) {
        String why = e instanceof JsonProcessingException j ? j.getOriginalMessage()
            : e.getClass().getSimpleName() + ": " + e.getMessage();
        return new BadInputException(file, "not readable as a COCO JSON file (" + why + ")", e);
    }

    @Override
    public void close() throws IOException {
        parser.close();
    }
}
