package org.ambidex.data.interhand;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.LongPredicate;
import org.ambidex.core.BadInputException;
import org.ambidex.data.Bbox;
import org.ambidex.data.RootNetEstimate;

/**
 * A RootNet output file (SEED_SPEC A.10): a JSON list of {@code {annot_id, bbox [x,y,w,h], abs_depth}} with
 * {@code abs_depth} the right and left wrist depths in mm (a scalar for single-hand datasets, used for both).
 * Streamed; only the wanted annotation ids are kept, in primitive columns.
 */
public final class RootNetOutput {

    private final LongLongMap rows;
    private final double[] values;

    private RootNetOutput(LongLongMap rows, double[] values) {
        this.rows = rows;
        this.values = values;
    }

    /** The estimate for annotation {@code annotationId}, or {@code null}; depths in metres. */
    public RootNetEstimate get(long annotationId) {
        long row = rows.get(annotationId, -1);
        if (row < 0) {
            return null;
        }
        int o = (int) row * 6;
        return new RootNetEstimate(new Bbox(values[o], values[o + 1], values[o + 2], values[o + 3]),
            values[o + 4] / 1000.0, values[o + 5] / 1000.0);
    }

    public int size() {
        return rows.size();
    }

    /** Reads {@code file}, keeping the annotation ids {@code wanted} accepts. */
    public static RootNetOutput read(Path file, JsonFactory json, LongPredicate wanted) {
        LongLongMap rows = new LongLongMap(1024);
        double[] values = new double[6 * 1024];
        int n = 0;
        double[] box = new double[4];
        double[] depth = new double[2];
        try (InputStream in = Files.newInputStream(file); JsonParser p = json.createParser(in)) {
            JsonReading.expect(file, p, JsonToken.START_ARRAY);
            while (p.nextToken() == JsonToken.START_OBJECT) {
                long id = Long.MIN_VALUE;
                boolean hasBox = false;
                int depths = 0;
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String key = p.currentName();
                    p.nextToken();
                    switch (key) {
                        case "annot_id" -> id = JsonReading.integer(file, p);
                        case "bbox" -> {
                            JsonReading.exactly(file, p, box, "bbox [x, y, w, h]");
                            hasBox = true;
                        }
                        case "abs_depth" -> {
                            if (p.currentToken() == JsonToken.START_ARRAY) {
                                depths = JsonReading.numbers(file, p, depth, "abs_depth");
                            } else {
                                depth[0] = JsonReading.number(file, p);
                                depths = 1;
                            }
                            if (depths == 1) {
                                depth[1] = depth[0];
                            }
                        }
                        default -> p.skipChildren();
                    }
                }
                if (id == Long.MIN_VALUE || !hasBox || depths == 0) {
                    throw new BadInputException(file, "RootNet entry " + (n + 1)
                        + " lacks annot_id, bbox or abs_depth");
                }
                if (!wanted.test(id)) {
                    continue;
                }
                if (6 * (n + 1) > values.length) {
                    values = Arrays.copyOf(values, values.length * 2);
                }
                System.arraycopy(box, 0, values, 6 * n, 4);
                values[6 * n + 4] = depth[0];
                values[6 * n + 5] = depth[1];
                rows.put(id, n);
                n++;
            }
            if (p.currentToken() != JsonToken.END_ARRAY) {
                throw JsonReading.bad(file, p, "RootNet entries (objects)");
            }
        } catch (NoSuchFileException e) {
            throw new BadInputException(file, "no RootNet output file here; expected "
                + "rootnet_output/rootnet_interhand2.6m_output_<split>.json", e);
        } catch (IOException e) {
            throw new BadInputException(file, "not a readable RootNet JSON list (" + e.getMessage() + ")", e);
        }
        return new RootNetOutput(rows, values);
    }
}
