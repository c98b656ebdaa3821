package org.ambidex.cli;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.ambidex.core.BadInputException;

/**
 * The small JSON files a command reads (parameters, cameras, boxes), read whole with one set of messages: a
 * missing file, a file too large, a syntax error with its line and column, nesting deeper than Jackson's limit, in
 * words a user can act on rather than the parser's own.
 */
final class JsonInput {

    private JsonInput() {
    }

    /**
     * The JSON in {@code file}.
     *
     * @param what what the file is, for messages ("parameters file", "boxes file")
     * @param expected what it should hold, for messages
     * @param maxBytes the largest file accepted
     * @param nonNumeric whether NaN and Infinity tokens are read (so the caller can refuse them by field)
     */
    static JsonNode read(Path file, String what, String expected, long maxBytes, boolean nonNumeric) {
        JsonNode root;
        try {
            if (Files.isDirectory(file)) {
                throw new BadInputException(file, "is a folder; expected a " + what + " holding " + expected);
            }
            if (Files.size(file) > maxBytes) {
                throw new BadInputException(file, "the " + what + " is larger than " + maxBytes + " bytes; expected "
                    + expected);
            }
            ObjectMapper mapper = new ObjectMapper();
            if (nonNumeric) {
                mapper.enable(JsonParser.Feature.ALLOW_NON_NUMERIC_NUMBERS);
            }
            root = mapper.readTree(file.toFile());
        } catch (NoSuchFileException e) {
            throw new BadInputException(file, "no such " + what, e);
        } catch (StreamConstraintsException e) {
            throw new BadInputException(file, "the " + what + " nests or grows beyond what a JSON file of "
                + expected + " needs (" + firstSentence(e.getOriginalMessage()) + ")", e);
        } catch (JsonProcessingException e) {
            String at = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column "
                + e.getLocation().getColumnNr();
            throw new BadInputException(file, "the " + what + " is not valid JSON (" + firstSentence(
                e.getOriginalMessage()) + at + "); expected " + expected, e);
        } catch (IOException e) {
            throw new BadInputException(file, "cannot read the " + what + " (" + e.getMessage() + ")", e);
        }
        if (root == null || root.isMissingNode()) {
            throw new BadInputException(file, "the " + what + " is empty; expected " + expected);
        }
        return root;
    }

    /** The parser's message up to its first sentence, without its advice on parser features. */
    static String firstSentence(String message) {
        if (message == null) {
            return "unreadable";
        }
        String m = message.strip().lines().findFirst().orElse("");
        int feature = m.indexOf(": enable ");
        if (feature < 0) {
            feature = m.indexOf(" (enable ");
        }
        if (feature > 0) {
            m = m.substring(0, feature);
        }
        int stop = m.indexOf(". ");
        return stop > 0 ? m.substring(0, stop) : m;
    }
}
