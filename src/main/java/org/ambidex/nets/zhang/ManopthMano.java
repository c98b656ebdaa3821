package org.ambidex.nets.zhang;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ambidex.hand.JointOrder;
import org.ambidex.nets.StateEntry;
import org.ambidex.nets.TorchModule;
import org.ambidex.tensor.Scalars;

/**
 * One hand's MANO as v1's modified manopth {@code ManoLayer(use_pca=False, flat_hand_mean=False, center_idx=9)}
 * keeps and runs it, with the buffers the v1 model stores under {@code mesh_reg.mano_layer.r} / {@code .l}
 * ({@code th_betas, th_shapedirs (778,3,10), th_posedirs (778,3,135), th_v_template (1,778,3), th_J_regressor,
 * th_weights, th_faces, th_hands_mean (1,45), th_selected_comps (45,45)}); the kinematic tree is MANO's (manopth
 * reads it from the MANO file, not from the state dict).
 *
 * <p>Forward: pose {@code (B, 48)} (global, then 15 finger axis-angles relative to {@code th_hands_mean}), betas
 * {@code (B, 10)}; output vertices {@code (B, 778, 3)} and joints {@code (B, 21, 3)} in OpenPose order (16 joints
 * and the tips 745, 317, 444 (445 for the left hand, manopth's quirk), 556, 673), both centred on the middle MCP,
 * in mm; and manopth's T-pose joints {@code (B, 21, 3)} (rest joints and the shaped mesh's tips, OpenPose order,
 * mm, not centred).
 */
final class ManopthMano extends TorchModule {

    private static final long[] PARENTS = {-1, 0, 1, 2, 0, 4, 5, 0, 7, 8, 0, 10, 11, 0, 13, 14};
    private static final int[] TIPS_RIGHT = {745, 317, 444, 556, 673};
    private static final int[] TIPS_LEFT = {745, 317, 445, 556, 673};
    private static final int CENTRE = JointOrder.OPENPOSE.indexOf(org.ambidex.hand.HandJoint.MIDDLE_MCP);

    private final Map<String, Parameter> buffers = new LinkedHashMap<>();
    private final long[] faces = new long[SmplxMano.FACES * 3];
    private final int[] tips;

    ManopthMano(boolean right) {
        this.tips = right ? TIPS_RIGHT : TIPS_LEFT;
        buffer("th_betas", 1, 10);
        buffer("th_shapedirs", ManoSkinning.VERTICES, 3, 10);
        buffer("th_posedirs", ManoSkinning.VERTICES, 3, 135);
        buffer("th_v_template", 1, ManoSkinning.VERTICES, 3);
        buffer("th_J_regressor", ManoSkinning.JOINTS, ManoSkinning.VERTICES);
        buffer("th_weights", ManoSkinning.VERTICES, ManoSkinning.JOINTS);
        buffer("th_hands_mean", 1, 45);
        buffer("th_selected_comps", 45, 45);
    }

    private void buffer(String name, long... shape) {
        buffers.put(name, parameter(name, Parameter.Type.OTHER, 0f, false, shape));
    }

    @Override
    protected List<StateEntry> ownEntries() {
        List<StateEntry> list = new ArrayList<>();
        for (StateEntry e : super.ownEntries()) {
            list.add(e);
            if (e.name().equals("th_weights")) {
                list.add(StateEntry.longs("th_faces", new int[] {SmplxMano.FACES, 3}, faces));
            }
        }
        return list;
    }

    /** The triangles, {@code 1538 x 3} vertex indices, as stored. */
    int[] faces() {
        int[] out = new int[faces.length];
        for (int i = 0; i < faces.length; i++) {
            out[i] = Math.toIntExact(faces[i]);
        }
        return out;
    }

    private NDArray value(ParameterStore store, String name, NDArray like, boolean training) {
        return store.getValue(buffers.get(name), like.getDevice(), training);
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray pose = inputs.get(0);
        NDArray betas = inputs.get(1);
        long b = pose.getShape().get(0);
        NDArray mean = value(store, "th_hands_mean", pose, training);
        NDArray full = pose.add(pose.getManager().zeros(new ai.djl.ndarray.types.Shape(1, 3)).concat(mean, 1));
        NDArray posedirs = value(store, "th_posedirs", pose, training).reshape(ManoSkinning.VERTICES * 3, 135)
            .transpose();
        NDList skinned = ManoSkinning.skin(full, betas,
            value(store, "th_shapedirs", pose, training).reshape(ManoSkinning.VERTICES * 3, 10),
            value(store, "th_v_template", pose, training), value(store, "th_J_regressor", pose, training), posedirs,
            value(store, "th_weights", pose, training), PARENTS);
        NDArray verts = skinned.get(0);
        NDArray joints = openPose(skinned.get(1), verts, tips);
        NDArray centre = joints.get(":, " + CENTRE + ":" + (CENTRE + 1) + ", :");
        // manopth's third output: the rest joints and the shaped (unposed) mesh's tips (745, 317, 444, 556, 673).
        NDArray shaped = betas.matMul(value(store, "th_shapedirs", pose, training)
            .reshape(ManoSkinning.VERTICES * 3, 10).transpose()).reshape(b, ManoSkinning.VERTICES, 3)
            .add(value(store, "th_v_template", pose, training));
        NDArray rest = value(store, "th_J_regressor", pose, training).matMul(shaped);
        NDArray tpose = openPose(rest, shaped, TIPS_RIGHT);
        return new NDList(Scalars.mul(verts.sub(centre), 1000f),
            Scalars.mul(joints.sub(centre), 1000f).reshape(b, 21, 3),
            Scalars.mul(tpose, 1000f));
    }

    /** The 16 joints and the tip vertices {@code tips} of {@code verts}, in OpenPose order. */
    private static NDArray openPose(NDArray joints16, NDArray verts, int[] tips) {
        NDList parts = new NDList(joints16);
        for (int tip : tips) {
            parts.add(verts.get(":, " + tip + ":" + (tip + 1) + ", :"));
        }
        NDArray manoOrder = NDArrays.concat(parts, 1); // MANO-16 then tips
        NDList ordered = new NDList();
        for (int g : JointOrder.OPENPOSE.gatherFrom(JointOrder.MANO16_TIPS)) {
            ordered.add(manoOrder.get(":, " + g + ":" + (g + 1) + ", :"));
        }
        return NDArrays.concat(ordered, 1);
    }
}
