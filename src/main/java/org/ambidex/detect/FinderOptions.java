package org.ambidex.detect;

/**
 * How {@link HandFinder} searches.
 *
 * @param maxHands the most hands to give, 1 or more (MediaPipe's {@code max_num_hands}, default 2)
 * @param mirrored whether photos are mirrored (selfie cameras): handedness is then read as MediaPipe reads it
 * @param smallHandSearch whether to search tiles of the image when the whole image gives fewer than
 *     {@code maxHands} hands (slower: finds hands too small for the palm detector's 192-pixel view of the image)
 * @param refinements landmark passes on the region framed by the previous pass's landmarks (MediaPipe's tracking
 *     step, applied to one image)
 */
public record FinderOptions(int maxHands, boolean mirrored, boolean smallHandSearch, int refinements) {

    /** Two hands, ordinary photos, small-hand search on, one refinement. */
    public static final FinderOptions DEFAULT = new FinderOptions(2, false, true, 1);

    public FinderOptions {
        if (maxHands < 1) {
            throw new IllegalArgumentException("max hands must be at least 1, got " + maxHands);
        }
        if (refinements < 0 || refinements > 5) {
            throw new IllegalArgumentException("refinements must be 0 to 5, got " + refinements);
        }
    }

    public FinderOptions withMaxHands(int n) {
        return new FinderOptions(n, mirrored, smallHandSearch, refinements);
    }

    public FinderOptions withMirrored(boolean m) {
        return new FinderOptions(maxHands, m, smallHandSearch, refinements);
    }

    public FinderOptions withSmallHandSearch(boolean s) {
        return new FinderOptions(maxHands, mirrored, s, refinements);
    }

    public FinderOptions withRefinements(int r) {
        return new FinderOptions(maxHands, mirrored, smallHandSearch, r);
    }
}
