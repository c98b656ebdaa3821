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
 * own image landmarks, so both come out in the one camera frame of the image's {@link Intrinsics}. Each hand's
 * depth follows from its own size, which its landmarks barely know, so two hands in contact can come out tens of
 * centimetres apart in depth. Two hands whose image landmarks' boxes overlap, and whose depths so fitted are within
 * {@link #MAX_CONTACT_DEPTH_RATIO} of each other, are taken to touch: each is fitted again with its keypoints' mean
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
        Map<HandSide, HandFit> out = new EnumMap<>(HandSide.class);
        for (HandLandmarks hand : hands) {
            Objects.requireNonNull(hand, "hand");
            if (out.containsKey(hand.side())) {
                throw new IllegalArgumentException("two " + hand.side() + " hands: an image has at most one hand of "
                    + "each side");
            }
            out.put(hand.side(), fitters.get(hand.side()).fit(hand, intrinsics));
        }
        HandLandmarks right = null;
        HandLandmarks left = null;
        for (HandLandmarks hand : hands) {
            if (hand.side() == HandSide.RIGHT) {
                right = hand;
            } else {
                left = hand;
            }
        }
        if (right != null && left != null) {
            return inContact(right, out.get(HandSide.RIGHT), left, out.get(HandSide.LEFT), intrinsics);
        }
        return new TwoHandFit(out.get(HandSide.RIGHT), out.get(HandSide.LEFT));
    }

    /**
     * The right and the left hand of one image, fitted on their own ({@code rightFit}, {@code leftFit}, as
     * {@link HandFitter#fit(HandLandmarks, Intrinsics)} gives them), placed at a shared depth when they touch (see the
     * class comment); as they are otherwise.
     */
    public TwoHandFit inContact(HandLandmarks right, HandFit rightFit, HandLandmarks left, HandFit leftFit,
                                Intrinsics intrinsics) {
        double zRight = meanDepth(rightFit);
        double zLeft = meanDepth(leftFit);
        if (!overlap(right.image(), left.image()) || Math.max(zRight, zLeft) > MAX_CONTACT_DEPTH_RATIO
            * Math.min(zRight, zLeft)) {
            return new TwoHandFit(rightFit, leftFit);
        }
        DepthPrior shared = new DepthPrior(Math.sqrt(zRight * zLeft), CONTACT_DEPTH_SIGMA);
        return new TwoHandFit(fitters.get(HandSide.RIGHT).fit(right, intrinsics, shared),
            fitters.get(HandSide.LEFT).fit(left, intrinsics, shared));
    }

    private static double meanDepth(HandFit fit) {
        double[] joints = fit.joints();
        double sum = 0;
        for (int j = 2; j < joints.length; j += 3) {
            sum += joints[j];
        }
        return sum / (joints.length / 3);
    }

    /** Whether the bounding boxes of two sets of image landmarks (x, y pairs) overlap. */
    private static boolean overlap(double[] a, double[] b) {
        double[] p = box(a);
        double[] q = box(b);
        return p[0] <= q[2] && q[0] <= p[2] && p[1] <= q[3] && q[1] <= p[3];
    }

    private static double[] box(double[] xy) {
        double[] b = {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
            Double.NEGATIVE_INFINITY};
        for (int i = 0; i < xy.length; i += 2) {
            b[0] = Math.min(b[0], xy[i]);
            b[1] = Math.min(b[1], xy[i + 1]);
            b[2] = Math.max(b[2], xy[i]);
            b[3] = Math.max(b[3], xy[i + 1]);
        }
        return b;
    }
}
