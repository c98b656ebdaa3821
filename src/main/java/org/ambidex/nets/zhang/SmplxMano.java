package org.ambidex.nets.zhang;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ambidex.nets.StateEntry;
import org.ambidex.nets.TorchModule;

/**
 * One hand's MANO as smplx's {@code MANO(use_pca=False)} keeps and runs it, with the buffers and parameters the
 * snapshot stores under {@code mesh_reg.mano_layer.r} / {@code .l} (so no MANO file is needed): the model data
 * ({@code shapedirs (778,3,10)}, {@code posedirs (135,2334)}, {@code v_template}, {@code J_regressor (16,778)},
 * {@code parents}, {@code lbs_weights}, {@code faces_tensor}, {@code hand_mean}, {@code pose_mean}), the reference's
 * {@code beta2J} and {@code template_J}, smplx's default parameters ({@code betas}, {@code global_orient},
 * {@code body_pose}, {@code hand_pose}, {@code transl}) and {@code vertex_joint_selector.extra_joints_idxs}.
 * The left hand's shapedirs are used as stored (the reference fixed them before saving).
 *
 * <p>Forward (SEED_SPEC D.2, smplx's {@code lbs}): input pose {@code (B, 48)} (global then 15 finger axis-angles,
 * {@code pose_mean} added) and betas {@code (B, 10)}; output vertices {@code (B, 778, 3)} and the 16 MANO joints
 * {@code (B, 16, 3)}, metres, with the stored {@code transl} added to both; and the rest-pose joints
 * {@code template_J + beta2J . betas} {@code (B, 16, 3)}, metres (the reference's T-pose, for its losses).
 */
final class SmplxMano extends TorchModule {

    static final int VERTICES = 778;
    static final int JOINTS = 16;
    static final int FACES = 1538;
    private static final int BETAS = 10;

    private final Map<String, Parameter> params = new LinkedHashMap<>();
    private final long[] faces = new long[FACES * 3];
    private final long[] parents = new long[JOINTS];

    SmplxMano() {
        // smplx's parameters (only transl is read by the forward pass), then its buffers, in state-dict order.
        trainable("betas", 1, BETAS);
        trainable("global_orient", 1, 3);
        trainable("body_pose", 1, 3);
        trainable("transl", 1, 3);
        trainable("hand_pose", 1, 45);
        buffer("shapedirs", VERTICES, 3, BETAS);
        buffer("v_template", VERTICES, 3);
        buffer("J_regressor", JOINTS, VERTICES);
        buffer("posedirs", 9 * (JOINTS - 1), VERTICES * 3);
        buffer("lbs_weights", VERTICES, JOINTS);
        buffer("hand_mean", 45);
        buffer("pose_mean", 48);
        buffer("beta2J", JOINTS, 3, BETAS);
        buffer("template_J", JOINTS, 3);
        child("vertex_joint_selector", new TipIndices());
    }

    private void trainable(String name, long... shape) {
        params.put(name, parameter(name, Parameter.Type.WEIGHT, 0f, true, shape));
    }

    private void buffer(String name, long... shape) {
        params.put(name, parameter(name, Parameter.Type.OTHER, 0f, false, shape));
    }

    @Override
    protected List<StateEntry> ownEntries() {
        Map<String, StateEntry> byName = new LinkedHashMap<>();
        for (StateEntry e : super.ownEntries()) {
            byName.put(e.name(), e);
        }
        byName.put("faces_tensor", StateEntry.longs("faces_tensor", new int[] {FACES, 3}, faces));
        byName.put("parents", StateEntry.longs("parents", new int[] {JOINTS}, parents));
        List<StateEntry> ordered = new ArrayList<>();
        for (String name : List.of("betas", "global_orient", "body_pose", "transl", "hand_pose", "shapedirs",
            "faces_tensor", "v_template", "J_regressor", "posedirs", "parents", "lbs_weights", "hand_mean",
            "pose_mean", "beta2J", "template_J")) {
            ordered.add(byName.get(name));
        }
        return ordered;
    }

    /** The triangles, {@code 1538 x 3} vertex indices, as stored. */
    int[] faces() {
        int[] out = new int[faces.length];
        for (int i = 0; i < faces.length; i++) {
            out[i] = Math.toIntExact(faces[i]);
        }
        return out;
    }

    /** The stored {@code transl} parameter {@code (1, 3)}, metres. */
    ai.djl.ndarray.NDArray translation() {
        return params.get("transl").getArray();
    }

    /** The kinematic tree as stored ({@code -1} for the root). */
    long[] parents() {
        return parents.clone();
    }

    private NDArray value(ParameterStore store, String name, NDArray like, boolean training) {
        return store.getValue(params.get(name), like.getDevice(), training);
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                     PairList<String, Object> extra) {
        NDArray pose = inputs.get(0);
        NDArray betas = inputs.get(1);
        NDArray full = pose.add(value(store, "pose_mean", pose, training));
        NDArray shapedirs = value(store, "shapedirs", pose, training).reshape(VERTICES * 3, BETAS);
        NDList skinned = ManoSkinning.skin(full, betas, shapedirs, value(store, "v_template", pose, training),
            value(store, "J_regressor", pose, training), value(store, "posedirs", pose, training),
            value(store, "lbs_weights", pose, training), parents);
        NDArray verts = skinned.get(0);
        NDArray joints = skinned.get(1);
        NDArray transl = value(store, "transl", pose, training).reshape(1, 1, 3);
        // The reference's quick T-pose joints (its bone-length loss): template_J + beta2J . betas, no transl.
        long b = betas.getShape().get(0);
        NDArray tpose = betas.matMul(value(store, "beta2J", pose, training).reshape(JOINTS * 3, BETAS).transpose())
            .reshape(b, JOINTS, 3).add(value(store, "template_J", pose, training));
        return new NDList(verts.add(transl), joints.add(transl), tpose);
    }

    /** smplx's {@code VertexJointSelector}: holds {@code extra_joints_idxs} (smplx's tips, unused by the forward). */
    private static final class TipIndices extends TorchModule {
        private final long[] indices = new long[5];

        @Override
        protected List<StateEntry> ownEntries() {
            return List.of(StateEntry.longs("extra_joints_idxs", new int[] {5}, indices));
        }

        @Override
        protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                         PairList<String, Object> params) {
            throw new UnsupportedOperationException("the tip indices are data only");
        }
    }

    /**
     * Refuses a kinematic tree in which a joint does not follow its parent (the forward pass walks it in order).
     *
     * @return a description of the fault, or {@code null} when the tree is usable
     */
    String treeFault() {
        return ManoSkinning.treeFault(parents);
    }
}
