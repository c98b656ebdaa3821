package org.ambidex.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.Map;
import org.ambidex.core.AtomicOutput;

/**
 * Writes an {@link EvalReport} as {@code ambidex.eval-report/1} JSON (docs/FORMATS.md): full precision, metres
 * for 3-D errors (each item names its unit), {@code null} for "no data".
 */
public final class ReportJson {

    public static final String FORMAT = "ambidex.eval-report/1";
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ReportJson() {
    }

    /** The report as a JSON tree; {@code provenance} is recorded as given (version, inputs, options). */
    public static ObjectNode toJson(EvalReport r, Map<String, String> provenance) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("format", FORMAT);
        root.put("unit", "m");
        root.put("protocol", r.protocol());
        root.put("title", r.title());
        ObjectNode prov = root.putObject("provenance");
        provenance.forEach(prov::put);
        ArrayNode method = root.putArray("method");
        r.method().forEach(method::add);
        ObjectNode counts = root.putObject("counts");
        EvalCounts c = r.counts();
        counts.put("ground_truth_samples", c.groundTruthSamples());
        counts.put("predictions", c.predictions());
        counts.put("evaluated_samples", c.evaluatedSamples());
        counts.put("single_samples", c.singleSamples());
        counts.put("interacting_samples", c.interactingSamples());
        counts.put("samples_without_prediction", c.samplesWithoutPrediction());
        counts.put("predictions_without_ground_truth", c.predictionsWithoutGroundTruth());
        counts.put("hands_without_prediction", c.handsWithoutPrediction());
        counts.put("samples_outside_protocol", c.samplesOutsideProtocol());
        counts.put("samples_without_mano", c.samplesWithoutMano());
        counts.put("hands_without_mano", c.handsWithoutMano());
        ArrayNode tables = root.putArray("tables");
        for (EvalReport.MetricTable t : r.tables()) {
            ObjectNode o = tables.addObject();
            o.put("key", t.key());
            o.put("title", t.title());
            o.put("unit", t.unit());
            o.put("aggregation", t.aggregation());
            o.put("official", t.official());
            ObjectNode values = o.putObject("values");
            ObjectNode n = o.putObject("counts");
            for (Split s : Split.values()) {
                ObjectNode vs = values.putObject(s.label());
                ObjectNode ns = n.putObject(s.label());
                for (HandColumn h : HandColumn.values()) {
                    number(vs, h.label(), t.value(s, h));
                    ns.put(h.label(), t.count(s, h));
                }
            }
        }
        ArrayNode scalars = root.putArray("scalars");
        for (EvalReport.Scalar s : r.scalars()) {
            ObjectNode o = scalars.addObject();
            o.put("key", s.key());
            o.put("title", s.title());
            o.put("unit", s.unit());
            number(o, "value", s.value());
            o.put("count", s.count());
            o.put("official", s.official());
        }
        ArrayNode curves = root.putArray("curves");
        for (EvalReport.PckCurve k : r.curves()) {
            ObjectNode o = curves.addObject();
            o.put("key", k.key());
            o.put("title", k.title());
            o.put("unit", k.unit());
            o.put("split", k.split().label());
            o.put("hand", k.column().label());
            number(o, "auc", k.auc());
            ArrayNode t = o.putArray("thresholds");
            for (double v : k.thresholds()) {
                t.add(v);
            }
            ArrayNode p = o.putArray("pck");
            for (double v : k.pck()) {
                p.add(v);
            }
        }
        ArrayNode perJoint = root.putArray("per_joint");
        for (EvalReport.PerJointErrors e : r.perJoint()) {
            ObjectNode o = perJoint.addObject();
            o.put("key", e.key());
            o.put("title", e.title());
            o.put("unit", e.unit());
            o.put("split", e.split().label());
            ArrayNode names = o.putArray("joints");
            e.jointNames().forEach(names::add);
            ArrayNode right = o.putArray("right");
            ArrayNode left = o.putArray("left");
            for (int j = 0; j < e.right().length; j++) {
                add(right, e.right()[j]);
                add(left, e.left()[j]);
            }
            if (e.both() != null) {
                ArrayNode both = o.putArray("both");
                for (double v : e.both()) {
                    add(both, v);
                }
            }
        }
        ArrayNode notes = root.putArray("notes");
        r.notes().forEach(notes::add);
        return root;
    }

    /** Writes the report to {@code file} atomically. */
    public static void write(Path file, EvalReport r, Map<String, String> provenance) {
        ObjectNode json = toJson(r, provenance);
        AtomicOutput.write(file, out -> MAPPER.writeValue(new NonClosing(out), json));
    }

    private static void number(ObjectNode o, String key, double v) {
        if (Double.isFinite(v)) {
            o.put(key, v);
        } else {
            o.putNull(key);
        }
    }

    private static void add(ArrayNode a, double v) {
        if (Double.isFinite(v)) {
            a.add(v);
        } else {
            a.addNull();
        }
    }

    /** Jackson closes the stream it wrote to; AtomicOutput closes it itself. */
    private static final class NonClosing extends java.io.FilterOutputStream {
        NonClosing(java.io.OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws java.io.IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws java.io.IOException {
            flush();
        }
    }
}
