package org.ambidex.train.internet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

class InterNetLossTest {

    /** 255 exp(-d^2 / (2 * 2.5^2)), evaluated in double. */
    private static double gaussian(double dx, double dy, double dz) {
        return 255 * Math.exp(-(dx * dx + dy * dy + dz * dz) / (2 * 2.5 * 2.5));
    }

    @Test
    void targetHeatmapOnTheFull64CubeIsTheGaussianOfB5() {
        try (NDManager m = NDManager.newBaseManager()) {
            // joint 0 at x=10.3 (width), y=20 (height), z=30.5 (depth); joint 1 at the corner (0, 63, 0)
            NDArray coords = m.create(new float[] {10.3f, 20f, 30.5f, 0f, 63f, 0f}, new Shape(1, 2, 3));
            NDArray hm = InterNetLoss.targetHeatmaps(coords, 64, 64, 64);
            assertThat(hm.getShape()).isEqualTo(new Shape(1, 2, 64, 64, 64));
            float[] v = hm.toFloatArray();
            int cube = 64 * 64 * 64;
            // index (j, z, y, x) -> j*64^3 + z*64^2 + y*64 + x
            assertThat(v[30 * 4096 + 20 * 64 + 10]).isCloseTo((float) gaussian(0.3, 0, 0.5), within(1e-3f));
            assertThat((double) v[30 * 4096 + 20 * 64 + 10]).isCloseTo(255 * Math.exp(-0.34 / 12.5), within(1e-3));
            assertThat(v[31 * 4096 + 20 * 64 + 10]).isCloseTo((float) gaussian(0.3, 0, 0.5), within(1e-3f));
            assertThat(v[30 * 4096 + 22 * 64 + 13]).isCloseTo((float) gaussian(2.7, 2, 0.5), within(1e-3f));
            assertThat(v[0]).isCloseTo((float) gaussian(10.3, 20, 30.5), within(1e-6f));
            assertThat(v[cube + 63 * 64]).isEqualTo(255f);
            assertThat(v[cube + 5 * 4096 + 60 * 64 + 2]).isCloseTo((float) gaussian(2, 3, 5), within(1e-3f));
            // the largest value of joint 0 sits in one of the two cells nearest along z
            int best = 0;
            for (int i = 1; i < cube; i++) {
                if (v[i] > v[best]) {
                    best = i;
                }
            }
            assertThat(best % 64).isEqualTo(10);
            assertThat(best / 64 % 64).isEqualTo(20);
            assertThat(best / 4096).isIn(30, 31);
        }
    }

    @Test
    void lossesMatchHandComputedValues() {
        try (NDManager m = NDManager.newBaseManager()) {
            int b = 2;
            int j = 42;
            int d = 2;
            // heatmaps on a 2 x 2 x 2 grid (the loss reads the grid size off the prediction)
            float[] pred = new float[b * j * 8];
            for (int i = 0; i < pred.length; i++) {
                pred[i] = (i % 13) * 7f;
            }
            float[] coord = new float[b * j * 3];
            float[] valid = new float[b * j];
            for (int i = 0; i < b * j; i++) {
                coord[3 * i] = (i % 3) * 0.5f;
                coord[3 * i + 1] = (i % 2) * 1f;
                coord[3 * i + 2] = 0.25f;
                valid[i] = i % 5 == 0 ? 0 : 1;
            }
            double heat = 0;
            for (int bi = 0; bi < b; bi++) {
                for (int ji = 0; ji < j; ji++) {
                    int n = bi * j + ji;
                    for (int z = 0; z < d; z++) {
                        for (int y = 0; y < d; y++) {
                            for (int x = 0; x < d; x++) {
                                double t = gaussian(x - coord[3 * n], y - coord[3 * n + 1], z - coord[3 * n + 2]);
                                double diff = pred[n * 8 + z * 4 + y * 2 + x] - t;
                                heat += diff * diff * valid[n];
                            }
                        }
                    }
                }
            }
            heat /= b * j * 8;
            // root: |30 - 31.5| * 1 and |10 - 40| * 0 -> mean 0.75
            double root = (1.5 + 0) / 2;
            // hand type: sample 0 p = (0.8, 0.1) t = (1, 0), valid; sample 1 p = (0, 0.5) t = (1, 1), valid:
            // log(0) is clamped at -100 as BCELoss does.
            double bce0 = (-Math.log(0.8) - Math.log(0.9)) / 2;
            double bce1 = (100 - Math.log(0.5)) / 2;
            double hand = (bce0 + bce1) / 2;
            InterNetBatch batch = new InterNetBatch(m.zeros(new Shape(b, 3, 1, 1)), m.create(coord, new Shape(b, j, 3)),
                m.create(valid, new Shape(b, j)), m.create(new float[] {31.5f, 40f}, new Shape(b, 1)),
                m.create(new float[] {1, 0}, new Shape(b, 1)), m.create(new float[] {1, 0, 1, 1}, new Shape(b, 2)),
                m.create(new float[] {1, 1}, new Shape(b)));
            NDList out = new NDList(m.create(pred, new Shape(b, j, d, d, d)),
                m.create(new float[] {30f, 10f}, new Shape(b, 1)),
                m.create(new float[] {0.8f, 0.1f, 0f, 0.5f}, new Shape(b, 2)));
            InterNetLoss.Terms t = InterNetLoss.compute(out, batch);
            assertThat((double) t.heatmap().getFloat()).isCloseTo(heat, within(heat * 1e-5));
            assertThat((double) t.rootDepth().getFloat()).isCloseTo(root, within(1e-6));
            assertThat((double) t.handType().getFloat()).isCloseTo(hand, within(1e-4));
            assertThat((double) t.total().getFloat()).isCloseTo(heat + root + hand, within(heat * 1e-5));

            // an invalid hand type removes that sample's term, but the mean still divides by the batch
            InterNetBatch halfValid = new InterNetBatch(batch.image(), batch.jointCoord(), batch.jointValid(),
                batch.relRootDepth(), batch.rootValid(), batch.handType(), m.create(new float[] {1, 0}, new Shape(b)));
            assertThat((double) InterNetLoss.compute(out, halfValid).handType().getFloat())
                .isCloseTo(bce0 / 2, within(1e-5));
        }
    }
}
