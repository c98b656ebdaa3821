package org.ambidex.hand.open;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The generated right hand's mesh, skeleton, weights and regressor against the requirements. */
class OpenHandGeometryTest {

    private final OpenHandModelData model = GeneratedModel.right();

    @Test
    void meshIsClosedManifoldAndOutwardOriented() {
        int v = model.vertexCount();
        int[] f = model.faces();
        assertThat(v).isBetween(1000, 3000);
        assertThat(MeshChecks.edgeProblems(f)).isEmpty();
        assertThat(MeshChecks.nonManifoldVertices(f, v)).isEmpty();
        // A closed orientable surface of genus 0 (a sphere's topology): V - E + F = 2.
        assertThat(v - MeshChecks.edgeCount(f) + model.faceCount()).isEqualTo(2);
        double volume = MeshChecks.signedVolume(model.vTemplate(), f);
        // An adult hand up to the wrist displaces roughly 300 to 500 ml.
        assertThat(volume).isBetween(250e-6, 600e-6);
    }

    @Test
    void restMeshDoesNotIntersectItselfAwayFromTheThumbRoot() {
        List<String> hits = MeshChecks.selfIntersections(model.vTemplate(), model.faces(), 100);
        assertThat(hits).allMatch(this::bothAtTheThumbRoot);
        // The known defect is small: a handful of triangle pairs where the thumb leaves the palm.
        assertThat(hits).hasSizeLessThanOrEqualTo(3);
    }

    @Test
    void restMeshDoesNotIntersectItself() {
        assertThat(MeshChecks.selfIntersections(model.vTemplate(), model.faces(), 10)).isEmpty();
    }

    /** True when both triangles of an "i,j" pair have a vertex skinned to the thumb's CMC joint. */
    private boolean bothAtTheThumbRoot(String pair) {
        for (String t : pair.split(",")) {
            if (!OpenHandPosingTest.touchesThumbRoot(model, Integer.parseInt(t))) {
                return false;
            }
        }
        return true;
    }

    @Test
    void regressedRestJointsAreTheDesignedJointsAndLieInsideTheSkin() {
        double[][] designed = new RestSkeleton(HandAnatomy.nominal()).jointsModelFrame();
        double[] joints = SimpleLbs.forward(model, new double[10], new double[48]).joints();
        for (int j = 0; j < 16; j++) {
            double[] q = {joints[3 * j], joints[3 * j + 1], joints[3 * j + 2]};
            assertThat(Vec3Arrays.norm(Vec3Arrays.sub(q, designed[j]))).as("joint %d off its design", j)
                .isLessThan(1e-4);
            assertThat(MeshChecks.windingNumber(model.vTemplate(), model.faces(), q)).as("joint %d inside", j)
                .isCloseTo(1.0, within(1e-6));
        }
    }

    @Test
    void regressorRowsAndWeightRowsSumToOne() {
        int v = model.vertexCount();
        for (int j = 0; j < 16; j++) {
            double sum = 0;
            for (int i = 0; i < v; i++) {
                sum += model.jRegressor()[j * v + i];
            }
            assertThat(sum).isCloseTo(1.0, within(1e-9));
        }
        for (int i = 0; i < v; i++) {
            double sum = 0;
            int bones = 0;
            for (int k = 0; k < 16; k++) {
                double w = model.weights()[i * 16 + k];
                assertThat(w).isGreaterThanOrEqualTo(0);
                sum += w;
                bones += w > 0 ? 1 : 0;
            }
            assertThat(sum).isCloseTo(1.0, within(1e-12));
            assertThat(bones).isLessThanOrEqualTo(4);
        }
    }

    /**
     * Segment lengths between regressed joints (and to the tip vertices) against adult ranges (mm), from
     * docs/HAND_MODEL.md "Anthropometric table": {joint a, joint b, min, max}; tips as 16 + digit.
     */
    private static final double[][] BONE_RANGES_MM = {
        {1, 2, 35, 46}, {2, 3, 19, 27}, {3, 17, 17, 25},      // index
        {4, 5, 39, 51}, {5, 6, 23, 31}, {6, 18, 18, 26},      // middle
        {10, 11, 36, 48}, {11, 12, 22, 30}, {12, 19, 18, 26}, // ring
        {7, 8, 28, 38}, {8, 9, 15, 23}, {9, 20, 16, 23},      // pinky
        {13, 14, 39, 50}, {14, 15, 27, 36}, {15, 16, 23, 32}, // thumb
        {0, 4, 80, 95},                                        // wrist to middle MCP
    };

    @Test
    void boneLengthsAreWithinAdultRanges() {
        double[] joints = SimpleLbs.forward(model, new double[10], new double[48]).joints();
        List<double[]> points = new ArrayList<>();
        for (int j = 0; j < 16; j++) {
            points.add(new double[] {joints[3 * j], joints[3 * j + 1], joints[3 * j + 2]});
        }
        for (int d = 0; d < 5; d++) {
            points.add(MeshChecks.p(model.vTemplate(), model.tipVertices()[d]));
        }
        for (double[] r : BONE_RANGES_MM) {
            double mm = 1000 * Vec3Arrays.norm(Vec3Arrays.sub(points.get((int) r[0]), points.get((int) r[1])));
            assertThat(mm).as("segment %d-%d", (int) r[0], (int) r[1]).isBetween(r[2], r[3]);
        }
    }

    @Test
    void tipVerticesAreTheMostDistalPointsOfTheirDigits() {
        double[] joints = SimpleLbs.forward(model, new double[10], new double[48]).joints();
        int[] lastJoint = {15, 3, 6, 12, 9};
        for (int d = 0; d < 5; d++) {
            double[] tip = MeshChecks.p(model.vTemplate(), model.tipVertices()[d]);
            double[] dip = {joints[3 * lastJoint[d]], joints[3 * lastJoint[d] + 1], joints[3 * lastJoint[d] + 2]};
            double reach = Vec3Arrays.norm(Vec3Arrays.sub(tip, dip));
            for (int i = 0; i < model.vertexCount(); i++) {
                double[] p = MeshChecks.p(model.vTemplate(), i);
                if (model.weights()[i * 16 + lastJoint[d]] > 0.99) {
                    assertThat(Vec3Arrays.norm(Vec3Arrays.sub(p, dip))).isLessThanOrEqualTo(reach + 1e-3);
                }
            }
        }
    }
}
