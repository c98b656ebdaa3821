package org.ambidex.data.interhand;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.file.Path;
import org.ambidex.core.BadInputException;

/**
 * Small helpers over a streaming {@link JsonParser}: typed reads that fail with a one-line
 * {@link BadInputException} naming the file, the JSON path and what was expected.
 */
final class JsonReading {

    private JsonReading() {
    }

    static BadInputException bad(Path file, JsonParser p, String expected) {
        String where = p.getParsingContext() == null ? "" : " at " + p.getParsingContext().pathAsPointer();
        String line = p.currentTokenLocation() == null ? "" : " (line " + p.currentTokenLocation().getLineNr() + ")";
        return new BadInputException(file, "expected " + expected + where + line + ", found " + p.currentToken());
    }

    /** Moves to the next token and checks it is {@code expected}. */
    static void expect(Path file, JsonParser p, JsonToken expected) throws IOException {
        if (p.nextToken() != expected) {
            throw bad(file, p, expected == JsonToken.START_OBJECT ? "an object"
                : expected == JsonToken.START_ARRAY ? "an array" : expected.toString());
        }
    }

    /** The current token as a number (JSON numbers only). */
    static double number(Path file, JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
            return p.getDoubleValue();
        }
        throw bad(file, p, "a number");
    }

    /** The current token as an integer: a JSON integer, or a string of one (ids are strings in some files). */
    static long integer(Path file, JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NUMBER_INT) {
            return p.getLongValue();
        }
        if (t == JsonToken.VALUE_STRING) {
            return parseKey(file, p, p.getText());
        }
        throw bad(file, p, "an integer");
    }

    /** The current token as a 0/1 flag: a boolean or a number. */
    static boolean flag(Path file, JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_TRUE || t == JsonToken.VALUE_FALSE) {
            return t == JsonToken.VALUE_TRUE;
        }
        if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
            return p.getDoubleValue() != 0;
        }
        throw bad(file, p, "a boolean or 0/1");
    }

    /** The current token as text: a string, or a number written as digits (camera ids). */
    static String text(Path file, JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_STRING || t == JsonToken.VALUE_NUMBER_INT) {
            return p.getText();
        }
        throw bad(file, p, "a string");
    }

    /** An integer key such as a capture or frame number written as a string. */
    static long parseKey(Path file, JsonParser p, String key) {
        try {
            return Long.parseLong(key.strip());
        } catch (NumberFormatException e) {
            throw new BadInputException(file, "expected an integer key or id at "
                + p.getParsingContext().pathAsPointer() + ", found \"" + key + "\"");
        }
    }

    /**
     * Reads the array starting at the current token, flattening nested arrays (so {@code [[1],[0]]} and
     * {@code [1,0]} both work), into {@code out}; returns how many numbers were read. Booleans count as 0/1.
     */
    static int numbers(Path file, JsonParser p, double[] out, String what) throws IOException {
        if (p.currentToken() != JsonToken.START_ARRAY) {
            throw bad(file, p, what + " as an array");
        }
        int n = 0;
        int depth = 1;
        while (depth > 0) {
            JsonToken t = p.nextToken();
            if (t == null) {
                throw bad(file, p, what + " (the file ends inside it)");
            }
            switch (t) {
                case START_ARRAY -> depth++;
                case END_ARRAY -> depth--;
                case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT, VALUE_TRUE, VALUE_FALSE -> {
                    if (n >= out.length) {
                        throw bad(file, p, what + " with " + out.length + " numbers");
                    }
                    out[n++] = t == JsonToken.VALUE_TRUE ? 1 : t == JsonToken.VALUE_FALSE ? 0 : p.getDoubleValue();
                }
                default -> throw bad(file, p, what + " holding numbers");
            }
        }
        return n;
    }

    /** As {@link #numbers} but requires exactly {@code out.length} numbers. */
    static void exactly(Path file, JsonParser p, double[] out, String what) throws IOException {
        int n = numbers(file, p, out, what);
        if (n != out.length) {
            throw new BadInputException(file, "expected " + what + " with " + out.length + " numbers at "
                + p.getParsingContext().pathAsPointer() + ", found " + n);
        }
    }
}
