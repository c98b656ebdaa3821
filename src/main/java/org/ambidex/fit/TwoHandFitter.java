package org.ambidex.fit;

import java.util.Collection;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import org.ambidex.geom.Intrinsics;
import org.ambidex.geom.PointBounds;
import org.ambidex.hand.HandModel;
import org.ambidex.hand.HandModelLoader;
import org.ambidex.hand.HandSide;

/**
 * Fits both hands of one image: each detected hand with the model of its side, each placed in the camera by its
 * own image landmarks, so both come out in the one camera frame of the image's {@link Intrinsics}. Each hand's
 * depth follows from its own size, which its landmarks barely know, so two hands in contact can come out tens of
 * centimetres apart in depth. Two hands whose image landmarks' boxes overlap, and whose depths so fitted are within
 * {@link #MAX_CONTACT_DEPTH_RATIO} of each other, are taken to touch: each is then sized once more, its keypoints' mean
 * depth drawn towards the pair's (their geometric mean, {@link #CONTACT_DEPTH_SIGMA}), only its size and place
 * moving (docs/FITTING.md, "Two hands in contact").
 *
 * <p>Immutable and thread-safe, like {@link HandFitter}.
 */
public final class TwoHandFitter {

    /**
     * How far (metres) a touching hand's mean keypoint depth may stray from the pair's. On 59 pairs of renders that
     * MediaPipe saw, the error of the left wrist's position relative to the right's (MRRPE) fell from a median of
     * 150 mm (no prior) to 122 (3 cm), 105 (2 cm), 84 (1 cm) and 92 mm (5 mm), their wrist-aligned joint errors
     * unchanged; on the one real InterHand2.6M pair from 305 mm to 190, 132, 64 and 47 mm, its wrist depths from
     * 15 % and 12 % off to 5 % and 1 % (1 cm), but its two hands' wrist-aligned errors rose by 0.7 and 1.4 mm at
     * 2 cm, 1.2 and 2.3 at 1 cm (each hand's size follows the shared depth through its projection, and a hand whose
     * tilt is wrong then gets a wrong size). 2 cm.
     */
    public static final double CONTACT_DEPTH_SIGMA = 0.02;
    /** Hands fitted further apart in depth than this ratio are not taken to touch, whatever the image shows. */
    public static final double MAX_CONTACT_DEPTH_RATIO = 1.5;

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
        Map<HandSide, HandLandmarks> bySide = new EnumMap<>(HandSide.class);
        for (HandLandmarks hand : hands) {
            Objects.requireNonNull(hand, "hand");
            if (bySide.put(hand.side(), hand) != null) {
                throw new IllegalArgumentException("two " + hand.side() + " hands: an image has at most one hand of "
                    + "each side");
            }
        }
        HandLandmarks right = bySide.get(HandSide.RIGHT);
        HandLandmarks left = bySide.get(HandSide.LEFT);
        if (right != null && left != null) {
            return pair(right, left, intrinsics);
        }
        return new TwoHandFit(right == null ? null : fitters.get(HandSide.RIGHT).fit(right, intrinsics),
            left == null ? null : fitters.get(HandSide.LEFT).fit(left, intrinsics));
    }

    /**
     * The right and the left hand of one image, each fitted on its own and, when they touch (see the class comment),
     * both sized once more to the depth they share.
     *
     * @throws IllegalArgumentException as {@link HandFitter#fit}, or when {@code right} or {@code left} is of the
     *     other side
     */
    public TwoHandFit pair(HandLandmarks right, HandLandmarks left, Intrinsics intrinsics) {
        HandFitter rightFitter = fitters.get(HandSide.RIGHT);
        HandFitter leftFitter = fitters.get(HandSide.LEFT);
        HandFitter.Solution r = rightFitter.solve(right, intrinsics);
        HandFitter.Solution l = leftFitter.solve(left, intrinsics);
        double zRight = r.meanDepth();
        double zLeft = l.meanDepth();
        boolean touching = PointBounds.of(right.image()).overlaps(PointBounds.of(left.image()))
            && Math.max(zRight, zLeft) <= MAX_CONTACT_DEPTH_RATIO * Math.min(zRight, zLeft);
        if (touching) {
            DepthPrior shared = new DepthPrior(Math.sqrt(zRight * zLeft), CONTACT_DEPTH_SIGMA);
            r = rightFitter.sized(r, shared);
            l = leftFitter.sized(l, shared);
        }
        return new TwoHandFit(rightFitter.finish(r), leftFitter.finish(l));
    }
}
