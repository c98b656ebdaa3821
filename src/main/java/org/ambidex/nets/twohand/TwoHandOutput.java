package org.ambidex.nets.twohand;

import ai.djl.ndarray.NDArray;
import java.util.List;

/**
 * Everything one forward pass of a {@link TwoHandNet} produces (B the batch size). Stage 0 is the initial
 * regression; stage {@code k > 0} the k-th refinement; the last stage is the result.
 *
 * @param vectors per stage, the {@link HandVector}s of both hands (B,2,64), index 0 right
 * @param hands per stage, the decoded right and left hands ({@code hands.get(stage)[hand]})
 * @param offsets per stage, the left wrist minus the right wrist (B,3), metres, camera frame
 * @param presenceLogits per hand, the logit of the probability that the hand is in the crop (B,2)
 * @param heatmapUv the dense head's joints (B,2,21,2), OpenPose order, in [-1,1] input coordinates
 * @param heatmapDepth the dense head's joint depths minus the wrist's (B,2,21), in units of 0.1 m
 * @param heatmapLogProb log of each joint's spatial softmax (B,42,h*w) on the stride-8 map, row-major cells,
 *     the right hand's 21 joints first
 * @param depthMaps each joint's depth map (B,42,h*w), same layout and unit as {@code heatmapDepth}
 */
public record TwoHandOutput(List<NDArray> vectors, List<DecodedHand[]> hands, List<NDArray> offsets,
                            NDArray presenceLogits, NDArray heatmapUv, NDArray heatmapDepth,
                            NDArray heatmapLogProb, NDArray depthMaps) {

    public TwoHandOutput {
        vectors = List.copyOf(vectors);
        hands = List.copyOf(hands);
        offsets = List.copyOf(offsets);
    }

    /** The centres of the dense maps' cells in [-1,1] input coordinates (h*w,2), row-major. */
    public NDArray heatmapCells(long h, long w) {
        return JointHeatmapHead.cellCentres(heatmapLogProb.getManager(), h, w);
    }

    /** Number of stages (initial regression included). */
    public int stageCount() {
        return vectors.size();
    }

    /** The decoded hand {@code hand} of the last stage. */
    public DecodedHand result(int hand) {
        return hands.get(hands.size() - 1)[hand];
    }

    /** The last stage's relative placement (B,3). */
    public NDArray offset() {
        return offsets.get(offsets.size() - 1);
    }
}
