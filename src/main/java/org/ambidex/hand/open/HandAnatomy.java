package org.ambidex.hand.open;

import java.util.SplittableRandom;

/**
 * The dimensions of one adult right hand from which the open model's skeleton and skin are built, in the
 * generator's hand frame: {@code s} distal (from the wrist towards the fingers), {@code t} radial (towards
 * the thumb), {@code h} dorsal (towards the back of the hand); origin at the wrist joint centre; metres.
 *
 * <p>Digits are indexed 0 thumb, 1 index, 2 middle, 3 ring, 4 pinky. Nominal values and their sources are
 * listed in docs/HAND_MODEL.md.
 *
 * @param digits the five digits, thumb first
 * @param wristHalfWidth half the breadth of the wrist cut (m)
 * @param wristDorsal dorsal height of the wrist cut above the joint axis (m)
 * @param wristPalmar palmar depth of the wrist cut below the joint axis (m)
 * @param palmHalfWidth half the breadth of the palm at mid-palm (m)
 * @param palmDorsal dorsal height of the mid-palm above the knuckle plane (m)
 * @param palmPalmar palmar depth of the mid-palm below the knuckle plane (m)
 */
public record HandAnatomy(Digit[] digits, double wristHalfWidth, double wristDorsal, double wristPalmar,
                          double palmHalfWidth, double palmDorsal, double palmPalmar) {

    /**
     * One digit: where its first joint is (MCP for fingers, CMC for the thumb), its three segment lengths
     * (the last one reaching the skin at the fingertip), its direction per segment and its thickness.
     *
     * @param base first joint centre {s, t, h} (m)
     * @param lengths joint-to-joint lengths of the three segments; the third is from the last joint to the tip (m)
     * @param yawDeg per segment, the angle in the palm plane from the distal axis towards the thumb (degrees)
     * @param pitchDeg per segment, the angle out of the palm plane towards the back of the hand (degrees)
     * @param width breadth of the digit at its base (m)
     * @param depth dorsal-palmar thickness of the digit at its base (m)
     */
    public record Digit(double[] base, double[] lengths, double[] yawDeg, double[] pitchDeg, double width,
                        double depth) {

        /** Sum of the three segment lengths (m). */
        public double totalLength() {
            return lengths[0] + lengths[1] + lengths[2];
        }
    }

    /** Number of anatomical variation factors sampled by {@link #sample(SplittableRandom)}. */
    public static final int FACTORS = 12;

    /** The nominal adult hand (docs/HAND_MODEL.md, "Anthropometric table"). */
    public static HandAnatomy nominal() {
        Digit thumb = new Digit(new double[] {0.0240, 0.0190, -0.0040}, new double[] {0.0440, 0.0315, 0.0275},
            new double[] {44, 36, 30}, new double[] {-30, -16, -10}, 0.0215, 0.0190);
        Digit index = new Digit(new double[] {0.0840, 0.0235, -0.0015}, new double[] {0.0395, 0.0230, 0.0205},
            new double[] {7, 7, 7}, new double[] {0, 0, 0}, 0.0190, 0.0170);
        Digit middle = new Digit(new double[] {0.0870, 0.0030, 0.0}, new double[] {0.0445, 0.0270, 0.0215},
            new double[] {0, 0, 0}, new double[] {0, 0, 0}, 0.0195, 0.0175);
        Digit ring = new Digit(new double[] {0.0815, -0.0160, -0.0015}, new double[] {0.0410, 0.0260, 0.0210},
            new double[] {-7, -7, -7}, new double[] {0, 0, 0}, 0.0180, 0.0165);
        Digit pinky = new Digit(new double[] {0.0740, -0.0345, -0.0040}, new double[] {0.0320, 0.0190, 0.0190},
            new double[] {-15, -15, -15}, new double[] {0, 0, 0}, 0.0160, 0.0145);
        return new HandAnatomy(new Digit[] {thumb, index, middle, ring, pinky}, 0.0290, 0.0120, 0.0135,
            0.0440, 0.0115, 0.0150);
    }

    /**
     * A hand varied from this one by {@link #FACTORS} independent anatomical factors, each a standard normal
     * {@code z[i]} times its spread: overall size, palm breadth, palm length, common finger length, four
     * individual finger lengths, thumb length, finger thickness, palm thickness, thumb thickness.
     */
    public HandAnatomy varied(double[] z) {
        if (z.length != FACTORS) {
            throw new IllegalArgumentException("expected " + FACTORS + " factors, got " + z.length);
        }
        double size = StrictMath.exp(0.060 * z[0]);
        double palmBreadth = StrictMath.exp(0.040 * z[1]);
        double palmLength = StrictMath.exp(0.035 * z[2]);
        double fingerLength = StrictMath.exp(0.040 * z[3]);
        double[] own = {StrictMath.exp(0.035 * z[8]), StrictMath.exp(0.020 * z[4]), StrictMath.exp(0.020 * z[5]),
            StrictMath.exp(0.020 * z[6]), StrictMath.exp(0.025 * z[7])};
        double fingerThickness = StrictMath.exp(0.060 * z[9]);
        double palmThickness = StrictMath.exp(0.060 * z[10]);
        double thumbThickness = StrictMath.exp(0.060 * z[11]);
        Digit[] out = new Digit[5];
        for (int d = 0; d < 5; d++) {
            Digit g = digits[d];
            double[] base = {g.base[0] * palmLength * size, g.base[1] * palmBreadth * size,
                g.base[2] * palmThickness * size};
            double lengthScale = size * own[d] * (d == 0 ? 1.0 : fingerLength);
            double[] lengths = {g.lengths[0] * lengthScale, g.lengths[1] * lengthScale, g.lengths[2] * lengthScale};
            double thick = size * (d == 0 ? thumbThickness : fingerThickness);
            out[d] = new Digit(base, lengths, g.yawDeg.clone(), g.pitchDeg.clone(), g.width * thick,
                g.depth * thick);
        }
        return new HandAnatomy(out, wristHalfWidth * size * palmBreadth, wristDorsal * size * palmThickness,
            wristPalmar * size * palmThickness, palmHalfWidth * size * palmBreadth, palmDorsal * size * palmThickness,
            palmPalmar * size * palmThickness);
    }

    /** {@link #varied(double[])} with standard normal factors drawn from {@code random}. */
    public HandAnatomy sample(SplittableRandom random) {
        double[] z = new double[FACTORS];
        for (int i = 0; i < FACTORS; i++) {
            z[i] = Gaussian.next(random);
        }
        return varied(z);
    }
}
