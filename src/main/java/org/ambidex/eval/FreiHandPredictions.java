package org.ambidex.eval;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.ambidex.core.BadInputException;

/**
 * FreiHAND's submission file {@code pred.json}: {@code [xyz_list, verts_list]}, each entry 21 x 3 joints
 * (FreiHAND = OpenPose order, metres, camera frame) and V x 3 vertices, in sample order. The joint list is read
 * whole (it is small); the vertex list is streamed. Each prediction is a right hand with id {@code %08d} of its
 * position, matching {@link FreiHandGroundTruth}.
 */
public final class FreiHandPredictions {

    private static final JsonFactory JSON = JsonFactory.builder().build();

    private FreiHandPredictions() {
    }

    /** The predictions of {@code file}, parsed while iterated (once). */
    public static Iterable<Prediction> read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new BadInputException(file, "no such file; expected FreiHAND's pred.json [xyz_list, verts_list]");
        }
        return () -> iterate(file);
    }

    private static Iterator<Prediction> iterate(Path file) {
        JsonParser p;
        List<double[]> xyz = new ArrayList<>();
        try {
            p = JSON.createParser(file.toFile());
            if (p.nextToken() != JsonToken.START_ARRAY || p.nextToken() != JsonToken.START_ARRAY) {
                p.close();
                throw new BadInputException(file, "expected [xyz_list, verts_list] (FreiHAND pred.json)");
            }
            while (p.nextToken() == JsonToken.START_ARRAY) {
                xyz.add(rows(p, file, "xyz_list", xyz.size(), 21));
            }
            if (p.nextToken() != JsonToken.START_ARRAY) {
                p.close();
                throw new BadInputException(file, "no verts_list after xyz_list; expected [xyz_list, verts_list]");
            }
        } catch (IOException e) {
            throw new BadInputException(file, "not readable as JSON (" + PredictionsReader.describe(e) + ")", e);
        }
        JsonParser parser = p;
        return new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < xyz.size();
            }

            @Override
            public Prediction next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                try {
                    if (parser.nextToken() != JsonToken.START_ARRAY) {
                        throw new BadInputException(file, "verts_list has " + next + " entries for " + xyz.size()
                            + " joint sets; expected as many");
                    }
                    double[] verts = rows(parser, file, "verts_list", next, -1);
                    int i = next++;
                    if (next == xyz.size()) {
                        if (parser.nextToken() != JsonToken.END_ARRAY) {
                            throw new BadInputException(file, "verts_list has more entries than xyz_list ("
                                + xyz.size() + ")");
                        }
                        parser.close();
                    }
                    return new Prediction(String.format(java.util.Locale.ROOT, "%08d", i),
                        new HandPrediction(xyz.get(i), verts, Double.NaN, null), null, null);
                } catch (IOException e) {
                    throw new BadInputException(file, "verts_list entry " + next + " not readable ("
                        + PredictionsReader.describe(e) + ")", e);
                }
            }
        };
    }

    /** Rows of [x, y, z]; {@code expected} rows, or any number when negative. Parser on the opening bracket. */
    private static double[] rows(JsonParser p, Path file, String list, int entry, int expected) throws IOException {
        List<Double> values = new ArrayList<>();
        int r = 0;
        while (p.nextToken() == JsonToken.START_ARRAY) {
            int c = 0;
            while (p.nextToken() != JsonToken.END_ARRAY) {
                if (!p.currentToken().isNumeric() || c >= 3) {
                    throw new BadInputException(file, list + " entry " + entry + " row " + r + " must be [x, y, z]");
                }
                values.add(p.getDoubleValue());
                c++;
            }
            if (c != 3) {
                throw new BadInputException(file, list + " entry " + entry + " row " + r + " must be [x, y, z]");
            }
            r++;
        }
        if ((expected >= 0 && r != expected) || r == 0) {
            throw new BadInputException(file, list + " entry " + entry + " has " + r + " rows; expected "
                + (expected >= 0 ? expected : "at least one"));
        }
        double[] out = new double[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = values.get(i);
        }
        return out;
    }
}
