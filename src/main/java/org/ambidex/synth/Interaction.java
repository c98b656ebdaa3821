package org.ambidex.synth;

import java.util.Locale;

/**
 * The kinds of scene the generator makes: common two-hand interactions, and single hands. Each says how the
 * fingers of each hand are posed and where the hands are relative to each other (see {@link SceneSampler}).
 */
public enum Interaction {
    /** Palms together, fingers interlaced and flexed around the other hand. */
    CLASP(true),
    /** The right index fingertip touches the left palm. */
    TOUCH(true),
    /** Open hands crossed at the wrists. */
    CROSS(true),
    /** The right thumb and index pinch the left index fingertip. */
    PINCH(true),
    /** Two fists, knuckles against each other. */
    FIST(true),
    /** The right hand points at the open left hand. */
    POINT(true),
    /** Palms and fingers pressed flat together. */
    PRAY(true),
    /** One hand alone (right or left), in a random pose. */
    SINGLE(false);

    private final boolean twoHands;

    Interaction(boolean twoHands) {
        this.twoHands = twoHands;
    }

    public boolean twoHands() {
        return twoHands;
    }

    /** Lower-case name used in sequence names ({@code synth_clasp}). */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
