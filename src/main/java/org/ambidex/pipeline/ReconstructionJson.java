package org.ambidex.pipeline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.ambidex.core.BuildInfo;
import org.ambidex.data.Bbox;

/**
 * The result file of {@code ambidex reconstruct}, format {@code ambidex.reconstruction/1} (every field in
 * docs/FORMATS.md): metres for lengths ({@code "unit": "m"}), pixels for image coordinates, joints in the OpenPose
 * 21-joint order, hands right then left.
 */
public final class ReconstructionJson {

    /** The format name and version written into every file. */
    public static final String FORMAT = "ambidex.reconstruction/1";

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ReconstructionJson() {
    }

    /** The JSON text for {@code r}, made from the image {@code image} (as given on the command line). */
    public static String toJson(Reconstruction r, String image) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("format", FORMAT);
        root.put("unit", "m");
        root.put("imageUnit", "px");
        root.put("jointOrder", "openpose");
        ObjectNode img = root.putObject("image");
        img.put("path", image);
        img.put("width", r.imageWidth());
        img.put("height", r.imageHeight());
        BuildInfo build = BuildInfo.current();
        ObjectNode prov = root.putObject("provenance");
        prov.put("model", r.model());
        prov.put("ambidex", build.version());
        prov.put("commit", build.commit());
        prov.put("djl", build.djlVersion());
        prov.put("pytorch", build.pytorchVersion());
        box(root.putArray("bbox"), r.bbox());
        box(root.putArray("cropBox"), r.cropBox());
        if (r.intrinsics() != null) {
            ObjectNode cam = root.putObject("intrinsics");
            cam.put("fx", r.intrinsics().fx());
            cam.put("fy", r.intrinsics().fy());
            cam.put("cx", r.intrinsics().cx());
            cam.put("cy", r.intrinsics().cy());
            root.put("intrinsicsSource", r.intrinsicsSource().label());
        } else {
            root.putNull("intrinsics");
            root.putNull("intrinsicsSource");
        }
        if (r.rootDepth() != null) {
            root.put("rootDepth", r.rootDepth());
            root.put("rootDepthSource", r.rootDepthSource().label());
        } else {
            root.putNull("rootDepth");
            root.putNull("rootDepthSource");
        }
        if (r.relativeRootDepth() != null) {
            root.put("relativeRootDepth", r.relativeRootDepth());
        } else {
            root.putNull("relativeRootDepth");
        }
        if (r.relativeRoot() != null) {
            root.putArray("relativeRoot").add(r.relativeRoot().x()).add(r.relativeRoot().y()).add(r.relativeRoot().z());
        } else {
            root.putNull("relativeRoot");
        }
        if (r.note() != null) {
            root.put("note", r.note());
        } else {
            root.putNull("note");
        }
        ArrayNode hands = root.putArray("hands");
        for (HandReconstruction h : r.hands()) {
            ObjectNode hand = hands.addObject();
            hand.put("side", h.side().label());
            hand.put("presence", h.presence());
            hand.put("present", h.present());
            rows(hand.putArray("joints2d"), h.joints2d(), 2);
            rows(hand.putArray("relativeDepth"), h.relativeDepth(), 1);
            if (h.jointsCamera() != null) {
                rows(hand.putArray("jointsCamera"), h.jointsCamera(), 3);
            } else {
                hand.putNull("jointsCamera");
            }
            rows(hand.putArray("scores"), h.scores(), 1);
            if (h.mesh() != null) {
                hand.put("handModel", h.mesh().handModel());
                rows(hand.putArray("vertices"), h.mesh().vertices(), 3);
                if (h.mesh().vertexColors() != null) {
                    rows(hand.putArray("vertexColors"), h.mesh().vertexColors(), 3);
                }
                ObjectNode params = hand.putObject("parameters");
                for (String name : new java.util.TreeSet<>(h.mesh().parameters().keySet())) {
                    rows(params.putArray(name), h.mesh().parameters().get(name), 1);
                }
            }
        }
        try {
            return MAPPER.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void box(ArrayNode a, Bbox b) {
        a.add(b.x()).add(b.y()).add(b.width()).add(b.height());
    }

    private static void rows(ArrayNode a, double[] v, int width) {
        for (int i = 0; i < v.length; i += width) {
            if (width == 1) {
                a.add(v[i]);
            } else {
                ArrayNode row = a.addArray();
                for (int k = 0; k < width; k++) {
                    row.add(v[i + k]);
                }
            }
        }
    }
}
