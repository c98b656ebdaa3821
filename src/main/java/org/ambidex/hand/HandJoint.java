package org.ambidex.hand;

import java.util.List;

/**
 * The 21 named keypoints of one hand, declared in the canonical OpenPose/FreiHAND/MediaPipe order, so
 * {@link #ordinal()} is the index in that order.
 *
 * <p>Per finger the joints go from the base to the tip; {@link #level()} is 1 (base: thumb CMC, finger MCP)
 * to 4 (tip), the numbering of InterHand2.6M's names ({@code thumb1}..{@code thumb4}). The wrist has level 0.
 */
public enum HandJoint {
    WRIST(null, 0),
    THUMB_CMC(Finger.THUMB, 1), THUMB_MCP(Finger.THUMB, 2), THUMB_IP(Finger.THUMB, 3), THUMB_TIP(Finger.THUMB, 4),
    INDEX_MCP(Finger.INDEX, 1), INDEX_PIP(Finger.INDEX, 2), INDEX_DIP(Finger.INDEX, 3), INDEX_TIP(Finger.INDEX, 4),
    MIDDLE_MCP(Finger.MIDDLE, 1), MIDDLE_PIP(Finger.MIDDLE, 2), MIDDLE_DIP(Finger.MIDDLE, 3),
    MIDDLE_TIP(Finger.MIDDLE, 4),
    RING_MCP(Finger.RING, 1), RING_PIP(Finger.RING, 2), RING_DIP(Finger.RING, 3), RING_TIP(Finger.RING, 4),
    PINKY_MCP(Finger.PINKY, 1), PINKY_PIP(Finger.PINKY, 2), PINKY_DIP(Finger.PINKY, 3), PINKY_TIP(Finger.PINKY, 4);

    private static final List<HandJoint> ALL = List.of(values());

    private final Finger finger;
    private final int level;

    HandJoint(Finger finger, int level) {
        this.finger = finger;
        this.level = level;
    }

    /** The finger, or null for the wrist. */
    public Finger finger() {
        return finger;
    }

    /** 0 for the wrist, 1 (base) to 4 (tip) along a finger. */
    public int level() {
        return level;
    }

    public boolean isTip() {
        return level == 4;
    }

    /** The joint one step towards the wrist, or null for the wrist (the skeleton's bones are joint-parent). */
    public HandJoint parent() {
        return level <= 1 ? (level == 0 ? null : WRIST) : of(finger, level - 1);
    }

    /** The joint of {@code finger} at {@code level} (1 base .. 4 tip). */
    public static HandJoint of(Finger finger, int level) {
        if (level < 1 || level > 4) {
            throw new IllegalArgumentException("finger joint level must be 1..4, got " + level);
        }
        return ALL.get(1 + 4 * finger.ordinal() + level - 1);
    }

    /** The InterHand2.6M name without side prefix: {@code wrist}, {@code thumb1} .. {@code pinky4}. */
    public String interHandName() {
        return finger == null ? "wrist" : finger.label() + level;
    }

    /** The joint with InterHand2.6M name {@code name} (with or without {@code r_}/{@code l_} prefix), or null. */
    public static HandJoint fromInterHandName(String name) {
        String n = name.startsWith("r_") || name.startsWith("l_") ? name.substring(2) : name;
        for (HandJoint j : ALL) {
            if (j.interHandName().equals(n)) {
                return j;
            }
        }
        return null;
    }
}
