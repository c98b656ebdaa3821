package org.ambidex.fit;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.ambidex.hand.HandSide;

/**
 * The hands of one image fitted in one camera frame: at most one right and one left hand, either absent when it
 * was not detected.
 *
 * @param right the right hand's fit, or null
 * @param left the left hand's fit, or null
 */
public record TwoHandFit(HandFit right, HandFit left) {

    public TwoHandFit {
        if (right != null && right.side() != HandSide.RIGHT) {
            throw new IllegalArgumentException("the right hand's fit is of the " + right.side() + " hand");
        }
        if (left != null && left.side() != HandSide.LEFT) {
            throw new IllegalArgumentException("the left hand's fit is of the " + left.side() + " hand");
        }
    }

    /** The fit of hand {@code side}, if that hand was detected. */
    public Optional<HandFit> hand(HandSide side) {
        return Optional.ofNullable(side == HandSide.RIGHT ? right : left);
    }

    /** The fitted hands, right first (index 0 right, 1 left when both are present). */
    public List<HandFit> hands() {
        List<HandFit> out = new ArrayList<>(2);
        if (right != null) {
            out.add(right);
        }
        if (left != null) {
            out.add(left);
        }
        return List.copyOf(out);
    }
}
