package org.ambidex.nets.twohand;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class JointHeatmapHeadTest {

    @Test
    void cellCentresFollowGridSampleConventionRowMajor() {
        try (NDManager m = NDManager.newBaseManager()) {
            float[] c = JointHeatmapHead.cellCentres(m, 2, 4).toFloatArray();
            // row 0: u = -0.75, -0.25, 0.25, 0.75 at v = -0.5; then row 1 at v = 0.5
            float[] expected = {-0.75f, -0.5f, -0.25f, -0.5f, 0.25f, -0.5f, 0.75f, -0.5f,
                -0.75f, 0.5f, -0.25f, 0.5f, 0.25f, 0.5f, 0.75f, 0.5f};
            assertThat(c).containsExactly(expected, within(1e-6f));
        }
    }

    @Test
    void joinsThePyramidAtStrideEightAndReadsExpectationsOfTheSoftmax() {
        try (NDManager m = NDManager.newBaseManager()) {
            JointHeatmapHead head = new JointHeatmapHead(new int[] {8, 16, 32});
            head.initializeParameters(m);
            SplittableRandom r = new SplittableRandom(3);
            NDList levels = new NDList(random(m, r, 2, 4, 16, 16), random(m, r, 2, 8, 8, 8), random(m, r, 2, 16, 4, 4),
                random(m, r, 2, 32, 2, 2));
            JointHeatmapHead.Result out = head.run(new ParameterStore(m, false), levels, false);
            assertThat(out.neck().getShape()).isEqualTo(new Shape(2, JointHeatmapHead.CHANNELS, 8, 8));
            assertThat(out.uv().getShape()).isEqualTo(new Shape(2, 2, 21, 2));
            assertThat(out.depth().getShape()).isEqualTo(new Shape(2, 2, 21));
            float[] total = out.logProb().exp().sum(new int[] {2}).toFloatArray();
            for (float t : total) {
                assertThat(t).isCloseTo(1f, within(1e-5f));
            }
            // the expectation recomputed by hand for one joint
            float[] p = out.logProb().exp().get("1, 30, :").toFloatArray();
            float[] cells = JointHeatmapHead.cellCentres(m, 8, 8).toFloatArray();
            double u = 0;
            double v = 0;
            for (int i = 0; i < 64; i++) {
                u += p[i] * cells[2 * i];
                v += p[i] * cells[2 * i + 1];
            }
            float[] uv = out.uv().get("1, 1, 9, :").toFloatArray(); // joint 30 = left hand, joint 9
            assertThat((double) uv[0]).isCloseTo(u, within(1e-5));
            assertThat((double) uv[1]).isCloseTo(v, within(1e-5));
        }
    }

    private static NDArray random(NDManager m, SplittableRandom r, long b, long c, long h, long w) {
        float[] x = new float[Math.toIntExact(b * c * h * w)];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) r.nextGaussian();
        }
        return m.create(x, new Shape(b, c, h, w));
    }
}
