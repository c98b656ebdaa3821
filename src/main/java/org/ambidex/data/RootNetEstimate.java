package org.ambidex.data;

/**
 * A RootNet output entry for one annotation (InterHand2.6M's {@code rootnet_output} files): an already
 * enlarged box used as-is for the crop, and the absolute root depths.
 *
 * @param bbox the box, pixels (not to be enlarged again)
 * @param rightRootDepth absolute depth of the right wrist, metres
 * @param leftRootDepth absolute depth of the left wrist, metres
 */
public record RootNetEstimate(Bbox bbox, double rightRootDepth, double leftRootDepth) {
}
