package org.ambidex.hand;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Random;
import org.ambidex.geom.Rotations;
import org.ambidex.geom.Vec3;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The plain-array facade against the layer it wraps: same numbers, batches, and refusals of bad shapes. */
class ArrayHandPoserTest {

    private static final int V = 40;
    private static final int SHAPES = 6;
    private static final int B = 3;
    private static final HandModel MODEL = SyntheticHandModels.random(7, V, SHAPES);
    private static ArrayHandPoser poser;

    @BeforeAll
    static void open() {
        poser = new ArrayHandPoser(MODEL);
    }

    @AfterAll
    static void close() {
        poser.close();
    }

    @Test
    void axisAngleWithShapeAndTranslationEqualsTheLayersFloat64Forward() {
        Hands h = Hands.random(11);
        PosedHandArrays got = poser.pose(h.params(), FingertipSet.INTAGHAND, JointOrder.OPENPOSE);
        double[][] expected = direct(h.betas(), h.orient(), new Shape(B, 3), h.pose(), HandPoseKind.AXIS_ANGLE,
            h.transl(), false, FingertipSet.INTAGHAND, JointOrder.OPENPOSE);
        assertThat(got.batchSize()).isEqualTo(B);
        assertThat(got.vertexCount()).isEqualTo(V);
        assertThat(got.jointOrder()).isEqualTo(JointOrder.OPENPOSE);
        assertThat(got.vertices()).containsExactly(expected[0]);
        assertThat(got.joints()).containsExactly(expected[1]);
    }

    @Test
    void pcaPoseAndEveryGlobalOrientationFormEqualTheLayer() {
        Random r = new Random(12);
        double[][] pose = rows(r, B, 12, 0.5);
        double[][] axisAngle = rows(r, B, 3, 1.0);
        double[][] matrix = new double[B][];
        double[][] sixD = new double[B][];
        for (int i = 0; i < B; i++) {
            double[] m = Rotations.axisAngleToMatrix(Vec3.of(axisAngle[i], 0)).toRowMajor();
            matrix[i] = m;
            // The first two columns of the matrix, as manopth's rot6d lays them out.
            sixD[i] = new double[] {m[0], m[3], m[6], m[1], m[4], m[7]};
        }
        Object[][] forms = {{axisAngle, new Shape(B, 3)}, {sixD, new Shape(B, 6)}, {matrix, new Shape(B, 3, 3)}};
        for (Object[] form : forms) {
            double[][] orient = (double[][]) form[0];
            PosedHandArrays got = poser.pose(new HandParamArrays(null, orient, pose, HandPoseKind.PCA, null, true),
                FingertipSet.SMPLX, JointOrder.MANO16_TIPS);
            double[][] expected = direct(null, orient, (Shape) form[1], pose, HandPoseKind.PCA, null, true,
                FingertipSet.SMPLX, JointOrder.MANO16_TIPS);
            assertThat(got.vertices()).as("orientation %s", form[1]).containsExactly(expected[0]);
            assertThat(got.joints()).as("orientation %s", form[1]).containsExactly(expected[1]);
        }
    }

    @Test
    void aBatchPosesEachHandAsIfAlone() {
        Hands h = Hands.random(13);
        PosedHandArrays batch = poser.pose(h.params(), FingertipSet.INTERHAND, JointOrder.MANO16);
        assertThat(batch.joints()).hasSize(B * 16 * 3);
        for (int i = 0; i < B; i++) {
            HandParamArrays one = new HandParamArrays(new double[][] {h.betas()[i]}, new double[][] {h.orient()[i]},
                new double[][] {h.pose()[i]}, HandPoseKind.AXIS_ANGLE, new double[][] {h.transl()[i]}, false);
            PosedHandArrays alone = poser.pose(one, FingertipSet.INTERHAND, JointOrder.MANO16);
            assertThat(alone.batchSize()).isOne();
            assertThat(batch.vertices(i)).as("hand %d", i).containsExactly(alone.vertices(), within(1e-12));
            assertThat(batch.joints(i)).as("hand %d", i).containsExactly(alone.joints(), within(1e-12));
        }
        // Hands differ, so a slice mix-up would show.
        assertThat(batch.vertices(0)).isNotEqualTo(batch.vertices(1));
        assertThatThrownBy(() -> batch.vertices(B)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void theInputsAreCopiedWhenConstructed() {
        double[][] orient = new double[1][3];
        HandParamArrays params = new HandParamArrays(null, orient, new double[1][45], HandPoseKind.AXIS_ANGLE, null,
            true);
        double[] before = poser.pose(params, FingertipSet.INTAGHAND, JointOrder.OPENPOSE).vertices();
        orient[0][0] = 1;
        assertThat(poser.pose(params, FingertipSet.INTAGHAND, JointOrder.OPENPOSE).vertices()).containsExactly(before);
    }

    @Test
    void badShapesAreRefusedNamingTheArray() {
        double[][] orient = new double[2][3];
        double[][] pose = new double[2][45];
        assertBad(() -> new HandParamArrays(null, new double[3][3], pose, HandPoseKind.AXIS_ANGLE, null, false),
            "globalOrient has 3 rows, expected one per hand (2");
        assertBad(() -> new HandParamArrays(null, new double[][] {{0, 0, 0}, {0, 0}}, pose, HandPoseKind.AXIS_ANGLE,
            null, false), "globalOrient row 1 has 2 values, row 0 has 3");
        assertBad(() -> new HandParamArrays(null, new double[2][4], pose, HandPoseKind.AXIS_ANGLE, null, false),
            "globalOrient rows need 3 (axis-angle), 6 (6-D) or 9 (rotation matrix) values, got 4");
        assertBad(() -> new HandParamArrays(null, orient, new double[2][44], HandPoseKind.AXIS_ANGLE, null, false),
            "an axis-angle handPose needs 45 values per hand, got 44");
        assertBad(() -> new HandParamArrays(null, orient, new double[2][46], HandPoseKind.PCA, null, false),
            "a PCA handPose needs 1..45 coefficients per hand, got 46");
        assertBad(() -> new HandParamArrays(null, new double[0][3], new double[0][45], HandPoseKind.AXIS_ANGLE, null,
            false), "a batch needs at least one hand");
        assertBad(() -> new HandParamArrays(new double[2][0], orient, pose, HandPoseKind.AXIS_ANGLE, null, false),
            "betas rows are empty");
        assertBad(() -> new HandParamArrays(new double[][] {new double[SHAPES], null}, orient, pose,
            HandPoseKind.AXIS_ANGLE, null, false), "betas row 1 has no values");
        assertBad(() -> new HandParamArrays(null, orient, pose, HandPoseKind.AXIS_ANGLE, new double[2][2], false),
            "transl rows need 3 values, got 2");
        HandParamArrays tooManyBetas = new HandParamArrays(new double[2][SHAPES + 1], orient, pose,
            HandPoseKind.AXIS_ANGLE, null, false);
        assertBad(() -> poser.pose(tooManyBetas, FingertipSet.INTAGHAND, JointOrder.OPENPOSE),
            "the model has " + SHAPES + " shape directions, got " + (SHAPES + 1) + " betas");
    }

    private static void assertBad(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String fragment) {
        assertThatThrownBy(call).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(fragment);
    }

    /** Vertices and keypoints of the layer itself, float64, on the same numbers. */
    private static double[][] direct(double[][] betas, double[][] orient, Shape orientShape, double[][] pose,
                                     HandPoseKind kind, double[][] transl, boolean flatHandMean, FingertipSet tips,
                                     JointOrder order) {
        try (NDManager m = NDManager.newBaseManager();
             HandLayer layer = new HandLayer(MODEL, m, DataType.FLOAT64)) {
            HandParams p = new HandParams(betas == null ? null : m.create(flat(betas), new Shape(B, betas[0].length)),
                m.create(flat(orient), orientShape), m.create(flat(pose), new Shape(B, pose[0].length)), kind,
                transl == null ? null : m.create(flat(transl), new Shape(B, 3)), flatHandMean);
            try (HandOutput out = layer.forward(p, tips, order)) {
                return new double[][] {out.vertices().toDoubleArray(), out.keypoints().toDoubleArray()};
            }
        }
    }

    /** B random axis-angle hands with shape and translation, in the InterHand2.6M convention (hand mean added). */
    private record Hands(double[][] betas, double[][] orient, double[][] pose, double[][] transl) {

        static Hands random(long seed) {
            Random r = new Random(seed);
            return new Hands(rows(r, B, SHAPES, 1), rows(r, B, 3, 0.8), rows(r, B, 45, 0.3), rows(r, B, 3, 0.1));
        }

        HandParamArrays params() {
            return new HandParamArrays(betas, orient, pose, HandPoseKind.AXIS_ANGLE, transl, false);
        }
    }

    private static double[][] rows(Random r, int n, int width, double scale) {
        double[][] out = new double[n][width];
        for (double[] row : out) {
            for (int k = 0; k < width; k++) {
                row[k] = scale * r.nextGaussian();
            }
        }
        return out;
    }

    private static double[] flat(double[][] rows) {
        double[] out = new double[rows.length * rows[0].length];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(rows[i], 0, out, i * rows[0].length, rows[0].length);
        }
        return out;
    }
}
