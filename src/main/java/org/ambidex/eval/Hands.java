package org.ambidex.eval;

/**
 * Hand indices and per-hand sizes shared by the evaluation code. Index 0 is the right hand and 1 the left, as in
 * every two-hand array of the project. Joints are in the canonical OpenPose 21-joint order.
 */
public final class Hands {

    public static final int RIGHT = 0;
    public static final int LEFT = 1;
    /** Joints per hand. */
    public static final int JOINTS = 21;
    /** Wrist, in the OpenPose order. */
    public static final int WRIST = 0;
    /** Middle-finger MCP, in the OpenPose order (IntagHand's and DIR's root "joint 9", Zhang's MANO joint 4). */
    public static final int MIDDLE_MCP = 9;

    private Hands() {
    }

    /** "right" or "left". */
    public static String name(int hand) {
        return switch (hand) {
            case RIGHT -> "right";
            case LEFT -> "left";
            default -> throw new IllegalArgumentException("hand index must be 0 (right) or 1 (left), got " + hand);
        };
    }
}
