package org.ambidex.detect;

/**
 * How {@link HandFinder} searches.
 *
 * @param maxHands the most hands to give, 1 or more (MediaPipe's {@code max_num_hands}, default 2)
 * @param mirrored whether photos are mirrored (selfie cameras): handedness is then read as MediaPipe reads it
 * @param tileLevels levels of the small-hand search, 0 to {@value #MAX_TILE_LEVELS}: while the image gives fewer than
 *     {@code maxHands} hands, palms are searched in overlapping tiles of 1/2, then 1/4, then 1/8 of its longer side
 *     (each level about four times the cost of the last; finds hands too small for the palm detector's 192-pixel
 *     view of the whole image)
 * @param refinements landmark passes on the region framed by the previous pass's landmarks (MediaPipe's tracking
 *     step, applied to one image)
 */
public record FinderOptions(int maxHands, boolean mirrored, int tileLevels, int refinements) {

    /** The deepest small-hand search. */
    public static final int MAX_TILE_LEVELS = 3;
    /** Two hands, ordinary photos, two levels of small-hand search, one refinement. */
    public static final FinderOptions DEFAULT = new FinderOptions(2, false, 2, 1);

    public FinderOptions {
        if (maxHands < 1) {
            throw new IllegalArgumentException("max hands must be at least 1, got " + maxHands);
        }
        if (tileLevels < 0 || tileLevels > MAX_TILE_LEVELS) {
            throw new IllegalArgumentException("tile levels must be 0 to " + MAX_TILE_LEVELS + ", got " + tileLevels);
        }
        if (refinements < 0 || refinements > 5) {
            throw new IllegalArgumentException("refinements must be 0 to 5, got " + refinements);
        }
    }

    public FinderOptions withMaxHands(int n) {
        return new FinderOptions(n, mirrored, tileLevels, refinements);
    }

    public FinderOptions withMirrored(boolean m) {
        return new FinderOptions(maxHands, m, tileLevels, refinements);
    }

    public FinderOptions withTileLevels(int levels) {
        return new FinderOptions(maxHands, mirrored, levels, refinements);
    }

    public FinderOptions withRefinements(int r) {
        return new FinderOptions(maxHands, mirrored, tileLevels, r);
    }
}
