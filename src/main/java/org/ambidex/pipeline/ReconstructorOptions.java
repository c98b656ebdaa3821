package org.ambidex.pipeline;

/**
 * How a {@link Reconstructor} is set up, beyond its weights. A model that cannot honour a setting refuses it when
 * opened ({@link Architecture#open}), with one line saying which.
 *
 * @param handModel the hand model meshes are fitted with ({@code open}, or a folder of official MANO files), or
 *     {@code null} for the model's own (a two-hand network's, the open model for hand finders)
 * @param maxHands the most hands a hand finder gives (two-hand networks always give a right and a left hand)
 * @param mirrored whether photos are mirrored (a selfie camera's): hand finders then read handedness as MediaPipe
 *     does
 * @param smallHandSearch whether a hand finder searches tiles of the photo for hands too small to see whole
 */
public record ReconstructorOptions(String handModel, int maxHands, boolean mirrored, boolean smallHandSearch) {

    /** The defaults: the model's own hand model, two hands, ordinary photos, small-hand search on. */
    public static final ReconstructorOptions DEFAULT = new ReconstructorOptions(null, 2, false, true);

    public ReconstructorOptions {
        if (maxHands < 1) {
            throw new IllegalArgumentException("max hands must be at least 1, got " + maxHands);
        }
    }

    public ReconstructorOptions withHandModel(String spec) {
        return new ReconstructorOptions(spec, maxHands, mirrored, smallHandSearch);
    }

    public ReconstructorOptions withMaxHands(int n) {
        return new ReconstructorOptions(handModel, n, mirrored, smallHandSearch);
    }

    public ReconstructorOptions withMirrored(boolean m) {
        return new ReconstructorOptions(handModel, maxHands, m, smallHandSearch);
    }

    public ReconstructorOptions withSmallHandSearch(boolean s) {
        return new ReconstructorOptions(handModel, maxHands, mirrored, s);
    }

    /**
     * Refuses the settings a two-hand network cannot honour: another hand model than its own, a hand count, mirrored
     * photos, small-hand search off.
     *
     * @param ownHandModel the network's hand model
     */
    void requireTwoHandDefaults(String architecture, String ownHandModel) {
        if (handModel != null && !handModel.equals(ownHandModel)) {
            throw new org.ambidex.core.BadInputException("--hand-model " + handModel + ": " + architecture
                + " gives meshes of the hand model it was trained with (" + ownHandModel + "); leave --hand-model out");
        }
        if (maxHands != DEFAULT.maxHands || mirrored || !smallHandSearch) {
            throw new org.ambidex.core.BadInputException(architecture + " always gives a right and a left hand from"
                + " the photo as it is: --max-hands, --mirrored and --no-small-hands apply to hand finders (mediapipe)");
        }
    }
}
