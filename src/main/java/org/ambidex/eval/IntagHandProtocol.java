package org.ambidex.eval;

/**
 * IntagHand's {@code apps/eval_interhand.py} (SEED_SPEC.md C.3), also used by Im2Hands: per hand, centre on the
 * middle-finger MCP (joint 9), scale the prediction by the wrist-to-MCP length ratio, mean error over all samples
 * and joints (vertices) per hand, "both" = (left + right) / 2, no validity mask.
 *
 * @param thresholds PCK thresholds of the supplementary curves
 * @param respectValidity count only valid ground-truth joints (the reference does not)
 */
public record IntagHandProtocol(PckThresholds thresholds, boolean respectValidity) implements Protocol {

    public static final String NAME = "intaghand";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Run start() {
        return new ScaledRootRun(NAME, "IntagHand evaluation (apps/eval_interhand.py; also Im2Hands)",
            Hands.MIDDLE_MCP, respectValidity, false, thresholds);
    }
}
