package org.ambidex.hand.open;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Posing the generated hand across its joint limits leaves no inverted triangle: every triangle's posed
 * normal still points the way its rest normal points once turned by the bone that carries the triangle.
 */
class OpenHandPosingTest {

    private final OpenHandModelData model = GeneratedModel.right();

    /**
     * Largest number of folded triangles at the thumb root in the combined poses (whole hand flexed, fist,
     * point, pinch): version 1.1.0 folds at most 5 (the fist), where the thumb presses into the palm.
     */
    static final int MAX_FOLDED_AT_THUMB_ROOT = 5;

    /**
     * True when a triangle has a vertex that the thumb's CMC joint moves: the thumb root, where the
     * combined poses that press the thumb into the palm still fold a few triangles.
     */
    static boolean touchesThumbRoot(OpenHandModelData m, int t) {
        for (int c = 0; c < 3; c++) {
            if (m.weights()[m.faces()[3 * t + c] * 16 + 13] > 0) {
                return true;
            }
        }
        return false;
    }

    /** Inverted triangles away from the thumb root. */
    static List<Integer> invertedAwayFromThumbRoot(OpenHandModelData m, double[] pose) {
        List<Integer> out = new ArrayList<>(invertedTriangles(m, pose));
        out.removeIf(t -> touchesThumbRoot(m, t));
        return out;
    }

    /** Triangles whose normal turned against the rotation of their dominant bone. */
    static List<Integer> invertedTriangles(OpenHandModelData m, double[] pose) {
        SimpleLbs.Output out = SimpleLbs.forward(m, new double[10], pose);
        double[] rest = m.vTemplate();
        double[] posed = out.vertices();
        int[] f = m.faces();
        List<Integer> bad = new ArrayList<>();
        for (int t = 0; t < m.faceCount(); t++) {
            double[] score = new double[16];
            for (int c = 0; c < 3; c++) {
                for (int k = 0; k < 16; k++) {
                    score[k] += m.weights()[f[3 * t + c] * 16 + k];
                }
            }
            int dominant = 0;
            for (int k = 1; k < 16; k++) {
                if (score[k] > score[dominant]) {
                    dominant = k;
                }
            }
            double[] n0 = normal(rest, f, t);
            double[] n1 = normal(posed, f, t);
            double[] expected = SimpleLbs.apply(out.rotations()[dominant], n0);
            if (Vec3Arrays.dot(n1, expected) <= 0) {
                bad.add(t);
            }
        }
        return bad;
    }

    private static double[] normal(double[] v, int[] f, int t) {
        double[] a = MeshChecks.p(v, f[3 * t]);
        double[] b = MeshChecks.p(v, f[3 * t + 1]);
        double[] c = MeshChecks.p(v, f[3 * t + 2]);
        return Vec3Arrays.cross(Vec3Arrays.sub(b, a), Vec3Arrays.sub(c, a));
    }

    @Test
    void everyJointAtEachEndOfEachAxisLeavesNoInvertedTriangleAwayFromTheThumbRoot() {
        assertThat(limitFailures(true)).isEmpty();
    }

    @Test
    void everyJointAtEachEndOfEachAxisLeavesNoInvertedTriangle() {
        assertThat(limitFailures(false)).isEmpty();
    }

    private List<String> limitFailures(boolean awayFromThumbRoot) {
        double[] limits = model.jointLimits();
        List<String> failures = new ArrayList<>();
        for (int j = 1; j < 16; j++) {
            for (int axis = 0; axis < 3; axis++) {
                for (int end = 0; end < 2; end++) {
                    double[][] angles = new double[16][3];
                    angles[j][axis] = limits[j * 6 + 2 * axis + end];
                    double[] pose = AnatomicalPose.toAxisAngles(model.jointAxes(), angles);
                    List<Integer> all = invertedTriangles(model, pose);
                    int n = (awayFromThumbRoot ? invertedAwayFromThumbRoot(model, pose) : all).size();
                    if (n > 0 || all.size() > MAX_FOLDED_AT_THUMB_ROOT) {
                        failures.add("joint " + j + " axis " + axis + (end == 0 ? " min" : " max") + ": " + n);
                    }
                }
            }
        }
        return failures;
    }

    @Test
    void wholeHandAtItsFlexionLimitsLeavesNoInvertedTriangle() {
        double[] limits = model.jointLimits();
        for (int end = 0; end < 2; end++) {
            double[][] angles = new double[16][3];
            for (int j = 1; j < 16; j++) {
                angles[j][0] = limits[j * 6 + end];
            }
            double[] pose = AnatomicalPose.toAxisAngles(model.jointAxes(), angles);
            assertThat(invertedAwayFromThumbRoot(model, pose)).as(end == 0 ? "all extended" : "all flexed").isEmpty();
            assertThat(invertedTriangles(model, pose)).hasSizeLessThanOrEqualTo(MAX_FOLDED_AT_THUMB_ROOT);
        }
    }

    @Test
    void namedPosesLeaveNoInvertedTriangle() {
        for (double[][] degrees : List.of(NamedPoses.fist(), NamedPoses.point(), NamedPoses.pinch(),
            NamedPoses.spread())) {
            double[] pose = NamedPoses.toPose(model, degrees);
            assertThat(invertedAwayFromThumbRoot(model, pose)).isEmpty();
            assertThat(invertedTriangles(model, pose)).hasSizeLessThanOrEqualTo(MAX_FOLDED_AT_THUMB_ROOT);
        }
    }
}
