package org.ambidex.eval;

import java.util.Objects;
import org.ambidex.data.HandType;
import org.ambidex.geom.Intrinsics;

/**
 * Ground truth of one frame, as evaluation consumes it.
 *
 * @param id sample id; predictions are matched to ground truth by it
 * @param handType which hands the frame shows (decides the single / interacting split)
 * @param handTypeValid whether the hand type annotation may be used for handedness accuracy
 * @param right the right hand, or null when it is not in the frame or not annotated
 * @param left the left hand, or null
 * @param intrinsics the camera of the frame's image (for 2-D errors), or null
 * @param mano the hands computed from the frame's MANO parameters with a hand model, or null when they were not
 *     computed (protocols then use {@code right} and {@code left} as they are)
 */
public record GroundTruthSample(String id, HandType handType, boolean handTypeValid, HandTruth right,
                                HandTruth left, Intrinsics intrinsics, ManoTruth mano) {

    public GroundTruthSample {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(handType, "handType");
    }

    /** A sample without MANO-derived hands. */
    public GroundTruthSample(String id, HandType handType, boolean handTypeValid, HandTruth right, HandTruth left,
                             Intrinsics intrinsics) {
        this(id, handType, handTypeValid, right, left, intrinsics, null);
    }

    /** This sample with MANO-derived hands. */
    public GroundTruthSample withMano(ManoTruth hands) {
        return new GroundTruthSample(id, handType, handTypeValid, right, left, intrinsics, hands);
    }

    /** This sample under another id (ids are unique within one split only: joining splits needs new ones). */
    public GroundTruthSample withId(String newId) {
        return new GroundTruthSample(newId, handType, handTypeValid, right, left, intrinsics, mano);
    }

    /** Hand {@code hand} (0 right, 1 left), or null. */
    public HandTruth hand(int hand) {
        return hand == Hands.RIGHT ? right : left;
    }
}
