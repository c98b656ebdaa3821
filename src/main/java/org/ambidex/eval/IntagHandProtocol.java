package org.ambidex.eval;

/**
 * IntagHand's {@code apps/eval_interhand.py} (SEED_SPEC.md C.3), also used by Im2Hands: per hand, centre on the
 * middle-finger MCP (joint 9), scale the prediction by the wrist-to-MCP length ratio, mean error over all samples
 * and joints (vertices) per hand, "both" = (left + right) / 2, no validity mask.
 *
 * @param thresholds PCK thresholds of the supplementary curves
 * @param respectValidity count only valid ground-truth joints (the reference does not)
 * @param mano the mesh joint regressor: ground truth from the samples' MANO-derived hands and predicted joints
 *     regressed from predicted meshes, as the reference; null: the annotated and predicted joints as given
 */
public record IntagHandProtocol(PckThresholds thresholds, boolean respectValidity, ManoJointRegressor mano)
    implements Protocol {

    public static final String NAME = "intaghand";

    /** With the dataset's annotated joints as ground truth. */
    public IntagHandProtocol(PckThresholds thresholds, boolean respectValidity) {
        this(thresholds, respectValidity, null);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Run start() {
        return new ScaledRootRun(NAME, "IntagHand evaluation (apps/eval_interhand.py; also Im2Hands)",
            Hands.MIDDLE_MCP, respectValidity, false, thresholds, mano);
    }
}
