package org.ambidex.data.crop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.ambidex.geom.Affine2;
import org.junit.jupiter.api.Test;

class OpenCvAffineTest {

    /** A 4 x 3 one-channel image with value 10 x + 100 y + 1. */
    private static FloatImage ramp() {
        float[] d = new float[12];
        for (int y = 0; y < 3; y++) {
            for (int x = 0; x < 4; x++) {
                d[y * 4 + x] = 10 * x + 100 * y + 1;
            }
        }
        return FloatImage.of(4, 3, 1, d);
    }

    @Test
    void threePointSolveByHand() {
        // (0,0)->(1,2), (1,0)->(3,2), (0,1)->(1,5): x' = 2x + 1, y' = 3y + 2
        Affine2 m = OpenCvAffine.getAffineTransform(new double[] {0, 0, 1, 0, 0, 1}, new double[] {1, 2, 3, 2, 1, 5});
        assertThat(m.toRowMajor()).containsExactly(new double[] {2, 0, 1, 0, 3, 2}, within(1e-15));
        // a rotation by 90 degrees about (5, 5)
        Affine2 r = OpenCvAffine.getAffineTransform(new double[] {5, 5, 6, 5, 5, 6}, new double[] {5, 5, 5, 6, 4, 5});
        assertThat(r.toRowMajor()).containsExactly(new double[] {0, -1, 10, 1, 0, 0}, within(1e-15));
    }

    @Test
    void identityWarpKeepsEveryPixel() {
        FloatImage out = OpenCvAffine.warpAffine(ramp(), Affine2.IDENTITY, 4, 3);
        assertThat(out.toArray()).containsExactly(ramp().toArray());
    }

    @Test
    void integerShiftMovesPixelsAndFillsZero() {
        // map src -> dst: x' = x + 1, so dst(x, y) = src(x - 1, y); column 0 comes from outside
        FloatImage out = OpenCvAffine.warpAffine(ramp(), new Affine2(1, 0, 1, 0, 1, 0), 4, 3);
        assertThat(out.get(0, 0, 0)).isZero();
        assertThat(out.get(1, 0, 0)).isEqualTo(1f);
        assertThat(out.get(3, 2, 0)).isEqualTo(221f);
    }

    @Test
    void subPixelPositionsAreRoundedToOneThirtySecond() {
        // dst(x, y) = src(x + 0.3, y): 0.3 px is sampled at 10/32 = 0.3125 px, so 1 + 10 * 0.3125 = 4.125
        FloatImage out = OpenCvAffine.warpAffine(ramp(), new Affine2(1, 0, -0.3, 0, 1, 0), 4, 3);
        assertThat(out.get(0, 0, 0)).isEqualTo(4.125f);
        assertThat(out.get(1, 1, 0)).isEqualTo(111 + 3.125f);
        // the last column blends with the zero border: 0.6875 * 31 + 0.3125 * 0
        assertThat(out.get(3, 0, 0)).isEqualTo(0.6875f * 31f);
    }

    @Test
    void halfPixelShiftAveragesNeighboursAndTheBorder() {
        FloatImage out = OpenCvAffine.warpAffine(ramp(), new Affine2(1, 0, 0.5, 0, 1, 0.5), 4, 3);
        // dst(0,0) = src(-0.5, -0.5): only (0,0) is inside, weight 1/4
        assertThat(out.get(0, 0, 0)).isEqualTo(0.25f);
        // dst(1,1) = src(0.5, 0.5): mean of 1, 11, 101, 111
        assertThat(out.get(1, 1, 0)).isEqualTo(56f);
    }

    @Test
    void scalingDownSamplesEveryOtherPixel() {
        FloatImage out = OpenCvAffine.warpAffine(ramp(), new Affine2(0.5, 0, 0, 0, 0.5, 0), 2, 2);
        assertThat(out.toArray()).containsExactly(1f, 21f, 201f, 221f);
    }
}
