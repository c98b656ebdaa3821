package org.ambidex.eval;

/**
 * Settings of the named protocols, with the reference implementations' behaviour as the default.
 *
 * @param thresholds PCK thresholds, or null for the protocol's own (0-50 mm: 200 steps; FreiHAND: 100)
 * @param dirRootJoint DIR's centring joint: {@link Hands#WRIST} (default) or {@link Hands#MIDDLE_MCP}
 * @param zhangValidity Zhang et al.'s joint validity handling
 * @param zhangInteractingOnly Zhang et al.: interacting frames only (the reference test set)
 * @param respectValidity IntagHand / DIR: count only valid ground-truth joints (the references do not)
 * @param mano IntagHand / DIR / Zhang: the mesh joint regressor of the hand model whose MANO-derived ground truth the
 *     samples carry ({@link ManoGroundTruth}); null: the annotated joints are the ground truth
 */
public record ProtocolOptions(PckThresholds thresholds, int dirRootJoint, ZhangProtocol.Validity zhangValidity,
                              boolean zhangInteractingOnly, boolean respectValidity, ManoJointRegressor mano) {

    public static final ProtocolOptions DEFAULT =
        new ProtocolOptions(null, Hands.WRIST, ZhangProtocol.Validity.REMAPPED, true, false, null);

    /** The protocols whose references regress ground truth from MANO parameters. */
    public static final java.util.List<String> MANO_PROTOCOLS = java.util.List.of(IntagHandProtocol.NAME,
        DirProtocol.NAME, ZhangProtocol.NAME);

    /** The names {@link #create(String)} accepts: the 3-D protocols ({@link Hand2dProtocol} runs itself). */
    public static final java.util.List<String> NAMES = java.util.List.of(InterHandProtocol.NAME,
        IntagHandProtocol.NAME, DirProtocol.NAME, ZhangProtocol.NAME, FreiHandProtocol.NAME);

    /** The protocol named {@code name} with these settings. */
    public Protocol create(String name) {
        if (mano != null && !MANO_PROTOCOLS.contains(name)) {
            throw new IllegalArgumentException("the " + name + " protocol does not regress ground truth from MANO "
                + "parameters; a hand model applies to " + MANO_PROTOCOLS);
        }
        PckThresholds t = thresholds == null ? PckThresholds.DEFAULT : thresholds;
        return switch (name) {
            case InterHandProtocol.NAME -> new InterHandProtocol(t);
            case IntagHandProtocol.NAME -> new IntagHandProtocol(t, respectValidity, mano);
            case DirProtocol.NAME -> new DirProtocol(dirRootJoint, t, respectValidity, mano);
            case ZhangProtocol.NAME -> new ZhangProtocol(t, zhangInteractingOnly, zhangValidity, mano != null);
            case FreiHandProtocol.NAME -> new FreiHandProtocol(thresholds == null ? PckThresholds.FREIHAND : thresholds,
                new double[] {0.005, 0.015});
            case Hand2dProtocol.NAME -> throw new IllegalArgumentException("the hand2d protocol scores 2-D hand instances, "
                + "not frames: use Hand2dProtocol.MMPOSE.evaluate");
            default -> throw new IllegalArgumentException("unknown protocol \"" + name + "\"; expected one of " + NAMES);
        };
    }
}
