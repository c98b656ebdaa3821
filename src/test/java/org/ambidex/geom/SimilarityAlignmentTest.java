package org.ambidex.geom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.ambidex.geom.SimilarityAlignment.Reflection;
import org.junit.jupiter.api.Test;

class SimilarityAlignmentTest {

    @Test
    void svdReconstructsRandomMatricesWithOrthogonalFactorsAndSortedValues() {
        SplittableRandom random = new SplittableRandom(7);
        for (int trial = 0; trial < 500; trial++) {
            double[] m = new double[9];
            for (int i = 0; i < 9; i++) {
                m[i] = random.nextDouble(-3, 3);
            }
            checkSvd(Mat3.ofRowMajor(m));
        }
    }

    @Test
    void svdHandlesRankDeficientAndDegenerateMatrices() {
        checkSvd(Mat3.ofRowMajor(0, 0, 0, 0, 0, 0, 0, 0, 0));
        checkSvd(Mat3.ofRowMajor(1, 2, 3, 2, 4, 6, 3, 6, 9)); // rank 1
        checkSvd(Mat3.ofRowMajor(1, 0, 0, 0, 1, 0, 0, 0, 0)); // rank 2
        checkSvd(Mat3.ofRowMajor(1, 1e-12, 0, 0, 1, 0, 0, 0, 1e-300));
        Svd3 diag = Svd3.of(Mat3.ofRowMajor(2, 0, 0, 0, -5, 0, 0, 0, 3));
        assertThat(diag.singularValues()).containsExactly(5, 3, 2);
    }

    private static void checkSvd(Mat3 a) {
        Svd3 svd = Svd3.of(a);
        double[] s = svd.singularValues();
        assertThat(s[0]).isGreaterThanOrEqualTo(s[1]);
        assertThat(s[1]).isGreaterThanOrEqualTo(s[2]);
        assertThat(s[2]).isGreaterThanOrEqualTo(0);
        Mat3 d = Mat3.ofRowMajor(s[0], 0, 0, 0, s[1], 0, 0, 0, s[2]);
        Mat3 back = svd.u().times(d).times(svd.v().transpose());
        double size = Math.max(1, s[0]);
        assertThat(back.maxAbsDifference(a)).isLessThan(1e-13 * size);
        assertThat(svd.u().transpose().times(svd.u()).maxAbsDifference(Mat3.IDENTITY)).isLessThan(1e-13);
        assertThat(svd.v().transpose().times(svd.v()).maxAbsDifference(Mat3.IDENTITY)).isLessThan(1e-13);
    }

    @Test
    void orthogonalProcrustesOfAQuarterTurnByHand() {
        // Rows of B are the rows of A turned by 90 degrees about z: (1,0,0)->(0,1,0), (0,1,0)->(-1,0,0).
        double[] a = {1, 0, 0, 0, 1, 0};
        double[] b = {0, 1, 0, -1, 0, 0};
        var result = SimilarityAlignment.orthogonalProcrustes(a, b);
        // A^T B = [[0,1,0],[-1,0,0],[0,0,0]], singular values 1, 1, 0.
        assertThat(result.scale()).isCloseTo(2, within(1e-15));
        assertThat(result.r().row(0).distance(new Vec3(0, 1, 0))).isLessThan(1e-15);
        assertThat(result.r().row(1).distance(new Vec3(-1, 0, 0))).isLessThan(1e-15);
    }

    @Test
    void fitRecoversAKnownSimilarityExactly() {
        SplittableRandom random = new SplittableRandom(11);
        double[] source = new double[21 * 3];
        for (int i = 0; i < source.length; i++) {
            source[i] = random.nextDouble(-0.1, 0.1);
        }
        Mat3 rotation = rotationZ(0.7).times(rotationX(-1.1));
        SimilarityTransform truth = new SimilarityTransform(1.3, rotation, new Vec3(0.02, -0.5, 0.8));
        double[] target = truth.applyToPoints(source);
        for (Reflection reflection : Reflection.values()) {
            SimilarityTransform fitted = SimilarityAlignment.fit(target, source, reflection);
            assertThat(fitted.scale()).isCloseTo(1.3, within(1e-12));
            assertThat(fitted.rotation().maxAbsDifference(rotation)).isLessThan(1e-12);
            assertThat(fitted.translation().distance(truth.translation())).isLessThan(1e-12);
        }
    }

    @Test
    void mirroredPointsAreMatchedOnlyWhenReflectionsAreAllowed() {
        double[] source = {0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0, 3, 1, 1, 1};
        double[] mirrored = source.clone();
        for (int i = 0; i < mirrored.length; i += 3) {
            mirrored[i] = -mirrored[i];
        }
        SimilarityTransform allowed = SimilarityAlignment.fit(mirrored, source, Reflection.ALLOW);
        assertThat(allowed.rotation().determinant()).isCloseTo(-1, within(1e-12));
        double[] aligned = allowed.applyToPoints(source);
        for (int i = 0; i < aligned.length; i++) {
            assertThat(aligned[i]).isCloseTo(mirrored[i], within(1e-12));
        }
        SimilarityTransform proper = SimilarityAlignment.fit(mirrored, source, Reflection.PROPER_ROTATION);
        assertThat(proper.rotation().determinant()).isCloseTo(1, within(1e-12));
    }

    @Test
    void maskedPointsDoNotInfluenceTheFit() {
        double[] source = {0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1};
        double[] target = {1, 1, 1, 2, 1, 1, 1, 2, 1, 9, 9, 9};
        SimilarityTransform t = SimilarityAlignment.fit(target, source,
            new boolean[] {true, true, true, false}, Reflection.PROPER_ROTATION);
        assertThat(t.scale()).isCloseTo(1, within(1e-12));
        assertThat(t.translation().distance(new Vec3(1, 1, 1))).isLessThan(1e-12);
    }

    private static Mat3 rotationZ(double a) {
        return Mat3.ofRowMajor(Math.cos(a), -Math.sin(a), 0, Math.sin(a), Math.cos(a), 0, 0, 0, 1);
    }

    private static Mat3 rotationX(double a) {
        return Mat3.ofRowMajor(1, 0, 0, 0, Math.cos(a), -Math.sin(a), 0, Math.sin(a), Math.cos(a));
    }
}
