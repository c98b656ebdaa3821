package org.ambidex.fit;

import java.util.Collection;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import org.ambidex.geom.Intrinsics;
import org.ambidex.hand.HandModel;
import org.ambidex.hand.HandModelLoader;
import org.ambidex.hand.HandSide;

/**
 * Fits both hands of one image: each detected hand with the model of its side, each placed in the camera by its
 * own image landmarks, so both come out in the one camera frame of the image's {@link Intrinsics}. The hands are
 * fitted independently: the landmarks give each hand's depth from its own size, and nothing ties the two world
 * landmark sets together (each has its own arbitrary origin), so there is nothing further to reconcile.
 *
 * <p>Immutable and thread-safe, like {@link HandFitter}.
 */
public final class TwoHandFitter {

    private final Map<HandSide, HandFitter> fitters = new EnumMap<>(HandSide.class);

    /**
     * @param right the right hand's model
     * @param left the left hand's model
     * @throws IllegalArgumentException when a model is not of the side it is given for
     */
    public TwoHandFitter(HandModel right, HandModel left, FitOptions options) {
        for (HandModel m : new HandModel[] {Objects.requireNonNull(right, "right"), Objects.requireNonNull(left, "left")}) {
            HandSide expected = m == right ? HandSide.RIGHT : HandSide.LEFT;
            if (m.side() != expected) {
                throw new IllegalArgumentException("the " + expected + " hand's model " + m.name() + " is a "
                    + m.side() + " hand");
            }
        }
        fitters.put(HandSide.RIGHT, new HandFitter(right, options));
        fitters.put(HandSide.LEFT, new HandFitter(left, options));
    }

    /** Fitters of ambidex's open hand model (both sides) with {@link FitOptions#defaults()}. */
    public static TwoHandFitter openModel() {
        return new TwoHandFitter(HandModelLoader.resolve(HandModelLoader.OPEN, HandSide.RIGHT, false),
            HandModelLoader.resolve(HandModelLoader.OPEN, HandSide.LEFT, false), FitOptions.defaults());
    }

    /** The fitter of hand {@code side}. */
    public HandFitter fitter(HandSide side) {
        return fitters.get(side);
    }

    /**
     * Fits the detected hands of one image.
     *
     * @param hands zero, one or two hands, at most one per side (a detector that labels two hands alike must
     *     choose, for example by presence score, before fitting)
     * @throws IllegalArgumentException when two hands are of the same side, or as {@link HandFitter#fit}
     */
    public TwoHandFit fit(Collection<HandLandmarks> hands, Intrinsics intrinsics) {
        Objects.requireNonNull(hands, "hands");
        Map<HandSide, HandFit> out = new EnumMap<>(HandSide.class);
        for (HandLandmarks hand : hands) {
            Objects.requireNonNull(hand, "hand");
            if (out.containsKey(hand.side())) {
                throw new IllegalArgumentException("two " + hand.side() + " hands: an image has at most one hand of "
                    + "each side");
            }
            out.put(hand.side(), fitters.get(hand.side()).fit(hand, intrinsics));
        }
        return new TwoHandFit(out.get(HandSide.RIGHT), out.get(HandSide.LEFT));
    }
}
