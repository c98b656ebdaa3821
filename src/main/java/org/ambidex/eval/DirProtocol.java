package org.ambidex.eval;

/**
 * DIR's {@code apps/eval.py} (SEED_SPEC.md C.4): as {@link IntagHandProtocol} with a selectable centring joint
 * (wrist by default, or the middle MCP; the scale is always the wrist-to-MCP length ratio), plus 2-D joint and
 * vertex errors in pixels and the relative-root error.
 *
 * @param rootJoint {@link Hands#WRIST} (the reference default) or {@link Hands#MIDDLE_MCP}
 * @param thresholds PCK thresholds of the supplementary curves
 * @param respectValidity count only valid ground-truth joints (the reference does not)
 * @param mano the mesh joint regressor: ground truth from the samples' MANO-derived hands and predicted joints
 *     regressed from predicted meshes, as the reference; null: the annotated and predicted joints as given
 */
public record DirProtocol(int rootJoint, PckThresholds thresholds, boolean respectValidity, ManoJointRegressor mano)
    implements Protocol {

    public static final String NAME = "dir";

    /** With the dataset's annotated joints as ground truth. */
    public DirProtocol(int rootJoint, PckThresholds thresholds, boolean respectValidity) {
        this(rootJoint, thresholds, respectValidity, null);
    }

    public DirProtocol {
        if (rootJoint != Hands.WRIST && rootJoint != Hands.MIDDLE_MCP) {
            throw new IllegalArgumentException("DIR centres on joint 0 (wrist) or 9 (middle MCP), not " + rootJoint);
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Run start() {
        return new ScaledRootRun(NAME, "DIR evaluation (apps/eval.py)", rootJoint, respectValidity, true, thresholds,
            mano);
    }
}
