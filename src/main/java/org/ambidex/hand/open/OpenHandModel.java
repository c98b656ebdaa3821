package org.ambidex.hand.open;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.ambidex.hand.HandModel;
import org.ambidex.hand.HandSide;
import org.ambidex.io.DType;
import org.ambidex.io.NdArray;

/**
 * Entry points to the open hand model: the committed right model and its mirror image, the left model.
 *
 * <p>{@link #load(HandSide)} is what {@code --model open} resolves to; {@link #mirrorToLeft(HandModel)} makes
 * the left model from any right open model (template and shape directions' x negated, faces rewound, pose
 * blend shapes, PCA space and joint axes following the mirrored rotations {@code M R M}, see
 * {@link OpenHandModelData#mirrored(String)}).
 */
public final class OpenHandModel {

    /** Class-path resource of the committed right model (built by {@code ambidex handmodel build}). */
    public static final String RIGHT_RESOURCE = OpenModelSource.RIGHT_RESOURCE;

    private OpenHandModel() {
    }

    /** The open hand model of {@code side}: the committed right model, or its mirror image. */
    public static HandModel load(HandSide side) {
        return OpenModelSource.model(side);
    }

    /** The left hand mirrored from a right open hand model. */
    public static HandModel mirrorToLeft(HandModel right) {
        if (right.side() != HandSide.RIGHT) {
            throw new IllegalArgumentException("expected a right-hand model, got " + right.side());
        }
        OpenHandModelData left = fromHandModel(right).mirrored(leftMeta(right.metadataJson().orElse("{}")));
        HandModel.Builder b = HandModel.builder(right.name(), HandSide.LEFT)
            .source("mirror of " + right.source());
        Map<String, NdArray> arrays = left.toArrays();
        b.vTemplate(arrays.get("v_template")).faces(arrays.get("f")).jRegressor(arrays.get("J_regressor"))
            .weights(arrays.get("weights")).posedirs(arrays.get("posedirs")).shapedirs(arrays.get("shapedirs"))
            .handsComponents(arrays.get("hands_components")).handsMean(arrays.get("hands_mean"))
            .parents(right.parents()).tipVertices(left.tipVertices()).metadataJson(left.metaJson());
        b.extra("joint_axes", arrays.get("joint_axes"));
        b.extra("joint_limits", arrays.get("joint_limits"));
        return b.build();
    }

    /** The open model's arrays held by a loaded {@link HandModel} (which keeps the extras untouched). */
    static OpenHandModelData fromHandModel(HandModel m) {
        Map<String, NdArray> arrays = new LinkedHashMap<>();
        arrays.put("v_template", m.vTemplate());
        arrays.put("f", m.faces());
        arrays.put("J_regressor", m.jRegressor());
        arrays.put("weights", m.weights());
        arrays.put("posedirs", m.posedirs());
        arrays.put("shapedirs", m.shapedirs());
        arrays.put("hands_components", m.handsComponents());
        arrays.put("hands_mean", m.handsMean());
        long[] kintree = new long[32];
        for (int j = 0; j < 16; j++) {
            kintree[j] = m.parents()[j] < 0 ? OpenHandModelData.ROOT_PARENT : m.parents()[j];
            kintree[16 + j] = j;
        }
        arrays.put("kintree_table", NdArray.ofLongs(new int[] {2, 16}, kintree));
        int[] tips = m.ownTipVertices().orElseThrow(
            () -> new IllegalArgumentException("not an open hand model: it declares no tip_vertices"));
        arrays.put("tip_vertices", NdArray.ofInts(new int[] {5}, tips));
        for (String key : new String[] {"joint_axes", "joint_limits"}) {
            NdArray a = m.extras().get(key);
            if (a == null) {
                throw new IllegalArgumentException("not an open hand model: no '" + key + "'");
            }
            arrays.put(key, a);
        }
        byte[] meta = m.metadataJson().orElse("{}").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        arrays.put("ambidex_meta", NdArray.wrap(DType.UINT8, new int[] {meta.length}, NdArray.Order.C, meta));
        return OpenHandModelData.fromArrays(arrays);
    }

    /** The right model's metadata with {@code "side": "left"} and a note that it is a mirror image. */
    static String leftMeta(String rightMeta) {
        try {
            ObjectMapper mapper = new ObjectMapper();
            ObjectNode node = (ObjectNode) mapper.readTree(rightMeta);
            node.put("side", "left");
            node.put("mirrored_from", "right");
            return mapper.writeValueAsString(node);
        } catch (IOException | ClassCastException e) {
            throw new IllegalArgumentException("the model's ambidex_meta is not a JSON object", e);
        }
    }
}
