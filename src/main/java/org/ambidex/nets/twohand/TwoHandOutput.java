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
 */
public record TwoHandOutput(List<NDArray> vectors, List<DecodedHand[]> hands, List<NDArray> offsets,
                            NDArray presenceLogits) {

    public TwoHandOutput {
        vectors = List.copyOf(vectors);
        hands = List.copyOf(hands);
        offsets = List.copyOf(offsets);
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
