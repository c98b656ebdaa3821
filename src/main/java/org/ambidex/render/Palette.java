package org.ambidex.render;

import org.ambidex.io.mesh.Rgb;

/**
 * The colours ambidex draws with. Hands: index 0 = right, 1 = left, as in every two-hand array; ground truth
 * gets a third colour so a prediction and its reference are told apart at a glance. Fingers follow the
 * rainbow convention of hand-keypoint viewers: thumb red, index yellow, middle green, ring blue, little
 * finger magenta, darker at the base of each finger.
 */
public final class Palette {

    /** Right hand (index 0): warm skin orange. */
    public static final Rgb RIGHT_HAND = Rgb.ofHex(0xE8A06E);
    /** Left hand (index 1): cool blue-grey. */
    public static final Rgb LEFT_HAND = Rgb.ofHex(0x7FA7E0);
    /** Ground-truth meshes in comparisons. */
    public static final Rgb GROUND_TRUTH = Rgb.ofHex(0x6CC27A);
    /** Meshes with no colour of their own. */
    public static final Rgb NEUTRAL = Rgb.ofHex(0xC8C8C8);
    /** Background where there is no photo. */
    public static final Rgb BACKGROUND = Rgb.ofHex(0xFFFFFF);

    private static final int[] FINGERS = {0xFF2020, 0xFFD000, 0x20C040, 0x2080FF, 0xD040D0};

    private Palette() {
    }

    /** The colour of hand {@code index} (0 right, 1 left). */
    public static Rgb hand(int index) {
        return switch (index) {
            case 0 -> RIGHT_HAND;
            case 1 -> LEFT_HAND;
            default -> throw new IllegalArgumentException("hand index must be 0 (right) or 1 (left), got " + index);
        };
    }

    /**
     * The colour of finger {@code finger} (0 thumb .. 4 little) at bone level {@code level} (0 at the wrist
     * .. 3 at the tip): the finger's hue, from 60% brightness at the base to full at the tip.
     */
    public static Rgb finger(int finger, int level) {
        int c = FINGERS[finger];
        double k = 0.6 + 0.4 * level / 3.0;
        return new Rgb(((c >> 16) & 0xFF) * k / 255, ((c >> 8) & 0xFF) * k / 255, (c & 0xFF) * k / 255);
    }

    /** The colour of the wrist joint dot. */
    public static Rgb wrist() {
        return Rgb.ofHex(0xF0F0F0);
    }
}
