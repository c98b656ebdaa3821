package org.ambidex.eval;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.ambidex.core.AtomicOutput;

/**
 * Writes {@code ambidex.predictions/1} files (docs/FORMATS.md): metres, OpenPose joint order, one entry per
 * sample, streamed (the predictions may come from an iterator over a large set). The file appears only when
 * complete.
 */
public final class PredictionsWriter {

    private static final JsonFactory JSON = JsonFactory.builder().build();

    private PredictionsWriter() {
    }

    /**
     * Writes {@code predictions} to {@code file}.
     *
     * @param provenance string fields recorded under {@code provenance} (model, hand model, version, seed...)
     */
    public static void write(Path file, Map<String, String> provenance, Iterable<Prediction> predictions) {
        AtomicOutput.write(file, out -> {
            try (JsonGenerator g = JSON.createGenerator(out, JsonEncoding.UTF8)) {
                g.writeStartObject();
                g.writeStringField("format", PredictionsFormat.FORMAT);
                g.writeStringField("unit", "m");
                g.writeStringField("joint_order", PredictionsFormat.OPENPOSE);
                g.writeObjectFieldStart("provenance");
                for (Map.Entry<String, String> e : provenance.entrySet()) {
                    g.writeStringField(e.getKey(), e.getValue());
                }
                g.writeEndObject();
                g.writeArrayFieldStart("samples");
                for (Prediction p : predictions) {
                    writeSample(g, p);
                }
                g.writeEndArray();
                g.writeEndObject();
            }
        });
    }

    private static void writeSample(JsonGenerator g, Prediction p) throws IOException {
        g.writeRaw('\n');
        g.writeStartObject();
        g.writeStringField("id", p.id());
        g.writeObjectFieldStart("hands");
        for (int h = 0; h < 2; h++) {
            HandPrediction hand = p.hand(h);
            if (hand == null) {
                continue;
            }
            g.writeObjectFieldStart(Hands.name(h));
            if (hand.hasJoints3d()) {
                g.writeFieldName("joints");
                writeRows(g, hand.jointsView(), 3);
            }
            if (hand.hasVertices()) {
                g.writeFieldName("vertices");
                writeRows(g, hand.verticesView(), 3);
            }
            if (!Double.isNaN(hand.presence())) {
                g.writeNumberField("present", hand.presence());
            }
            if (hand.joints2dView() != null) {
                g.writeFieldName("joints_2d");
                writeRows(g, hand.joints2dView(), 2);
            }
            g.writeEndObject();
        }
        g.writeEndObject();
        if (p.relativeRoot() != null) {
            g.writeFieldName("rel_root");
            writeRows(g, p.relativeRoot().toArray(), 3);
        }
        g.writeEndObject();
    }

    private static void writeRows(JsonGenerator g, double[] values, int width) throws IOException {
        // A single row (rel_root) is written flat: [x, y, z].
        boolean flat = values.length == width;
        g.writeStartArray();
        for (int i = 0; i < values.length; i += width) {
            if (!flat) {
                g.writeStartArray();
            }
            for (int k = 0; k < width; k++) {
                g.writeNumber(values[i + k]);
            }
            if (!flat) {
                g.writeEndArray();
            }
        }
        g.writeEndArray();
    }
}
