package org.ambidex.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.ambidex.core.AtomicOutput;
import org.ambidex.core.Progress;
import org.ambidex.data.HandLayerRootJoint;
import org.ambidex.data.ManoCameraConversion;
import org.ambidex.data.ManoPair;
import org.ambidex.data.ManoParams;
import org.ambidex.data.Sample;
import org.ambidex.data.interhand.InterHandDataset;
import org.ambidex.geom.Intrinsics;
import org.ambidex.pipeline.HandModels;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ambidex dataset dump}: one JSON object per sample and line, joints in metres and pixels in the
 * InterHand2.6M joint order.
 */
@Command(name = "dump", mixinStandardHelpOptions = true,
    description = {"Write one JSON line per sample: image, capture, camera, frame, hand_type, hand_type_valid, bbox, "
        + "focal, princpt, joints_cam (42x3, metres), joints_px (42x2), joint_valid (42), InterHand2.6M joint order."})
final class DatasetDumpCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    DatasetOptions dataset;

    @Option(names = "--split", required = true, paramLabel = "S", description = "train, val or test.")
    String split;

    @Option(names = "--limit", paramLabel = "N", description = "Write at most N samples.")
    Integer limit;

    @Option(names = "--out", paramLabel = "FILE", description = "Write to FILE instead of standard output.")
    Path out;

    @Option(names = "--hand-model", paramLabel = "open|DIR",
        description = "Also write each hand's MANO parameters, as in the file (mano_world) and converted to the camera "
            + "frame with this hand model (mano_cam; 'open' or a folder with MANO_RIGHT and MANO_LEFT).")
    String handModel;

    @Override
    public Integer call() throws IOException {
        if (limit != null && limit < 0) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--limit must be 0 or more, got " + limit);
        }
        HandLayerRootJoint root = null;
        InterHandDataset.Options options = InterHandDataset.Options.DEFAULT;
        if (handModel != null) {
            HandModels hands = HandModels.resolve(handModel);
            root = new HandLayerRootJoint(hands.right(), hands.left());
            options = new InterHandDataset.Options(new ManoCameraConversion(root), null);
        }
        try (InterHandDataset ds = InterHandDataset.open(dataset.data, dataset.filter(split), options)) {
            int n = limit == null ? ds.size() : Math.min(limit, ds.size());
            if (out == null) {
                PrintWriter w = spec.commandLine().getOut();
                write(ds, n, w);
                w.flush();
            } else {
                AtomicOutput.write(out, (OutputStream stream) -> {
                    Writer w = new java.io.OutputStreamWriter(stream, StandardCharsets.UTF_8);
                    write(ds, n, w);
                    w.flush();
                });
            }
        } finally {
            if (root != null) {
                root.close();
            }
        }
        return 0;
    }

    private static void write(InterHandDataset ds, int n, Writer w) throws IOException {
        JsonFactory json = JsonFactory.builder().build();
        try (Progress progress = Progress.start("dump", n)) {
            for (int i = 0; i < n; i++) {
                Sample s = ds.get(i);
                JsonGenerator g = json.createGenerator(w);
                g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
                writeSample(s, g);
                g.flush();
                w.write('\n');
                progress.step();
            }
        }
    }

    static void writeSample(Sample s, JsonGenerator g) throws IOException {
        g.writeStartObject();
        g.writeStringField("image", s.image().toString());
        g.writeNumberField("capture", s.capture());
        g.writeStringField("camera", s.cameraId());
        g.writeNumberField("frame", s.frame());
        g.writeStringField("split", s.split());
        g.writeNumberField("annotation_id", s.annotationId());
        g.writeStringField("hand_type", s.handType().label());
        g.writeNumberField("hand_type_valid", s.handTypeValid() ? 1 : 0);
        g.writeFieldName("bbox");
        g.writeArray(s.bbox().toArray(), 0, 4);
        Intrinsics k = s.camera().intrinsics();
        g.writeFieldName("focal");
        g.writeArray(new double[] {k.fx(), k.fy()}, 0, 2);
        g.writeFieldName("princpt");
        g.writeArray(new double[] {k.cx(), k.cy()}, 0, 2);
        g.writeStringField("unit", "m");
        g.writeStringField("joint_order", "interhand2.6m");
        g.writeArrayFieldStart("joints_cam");
        for (int j = 0; j < Sample.JOINTS; j++) {
            g.writeArray(s.jointCam(j).toArray(), 0, 3);
        }
        g.writeEndArray();
        g.writeArrayFieldStart("joints_px");
        for (int j = 0; j < Sample.JOINTS; j++) {
            g.writeArray(new double[] {s.u(j), s.v(j)}, 0, 2);
        }
        g.writeEndArray();
        g.writeArrayFieldStart("joint_valid");
        for (int j = 0; j < Sample.JOINTS; j++) {
            g.writeNumber(s.valid(j) ? 1 : 0);
        }
        g.writeEndArray();
        if (s.manoCamera() != null) {
            writeMano(g, "mano_world", s.manoWorld());
            writeMano(g, "mano_cam", s.manoCamera());
        }
        g.writeEndObject();
    }

    private static void writeMano(JsonGenerator g, String name, ManoPair pair) throws IOException {
        g.writeObjectFieldStart(name);
        for (int hand = 0; hand < 2; hand++) {
            ManoParams p = pair.get(hand);
            g.writeFieldName(hand == 0 ? "right" : "left");
            if (p == null) {
                g.writeNull();
                continue;
            }
            g.writeStartObject();
            g.writeFieldName("pose");
            g.writeArray(p.pose(), 0, ManoParams.POSE_SIZE);
            g.writeFieldName("shape");
            g.writeArray(p.shape(), 0, ManoParams.SHAPE_SIZE);
            g.writeFieldName("trans");
            g.writeArray(p.trans(), 0, 3);
            g.writeEndObject();
        }
        g.writeEndObject();
    }
}
