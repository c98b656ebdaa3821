package org.ambidex.nets.twohand;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

class JointFeatureSamplerTest {

    /** grid_sample(align_corners=False, zeros) on a 2-channel 3x4 map, worked out by hand. */
    @Test
    void bilinearWithZeroPaddingAsGridSample() {
        try (NDManager m = NDManager.newBaseManager()) {
            float[] f = new float[2 * 3 * 4];
            for (int c = 0; c < 2; c++) {
                for (int y = 0; y < 3; y++) {
                    for (int x = 0; x < 4; x++) {
                        f[c * 12 + y * 4 + x] = (c + 1) * (10 * y + x);
                    }
                }
            }
            NDArray features = m.create(f, new Shape(1, 2, 3, 4));
            // u = -0.75 -> x = (u + 1) * 4 / 2 - 0.5 = 0; v = 0 -> y = 1: cell (1, 0) exactly.
            // u = 0, v = 0 -> x = 1.5, y = 1: halfway between cells (1,1) and (1,2): 10 + 1.5 = 11.5.
            // u = 1, v = 1 -> x = 3.5, y = 2.5: only cell (2,3) inside, weight 0.5 * 0.5: 0.25 * 23 = 5.75.
            // u = 1.5 -> x = 4.5: entirely outside: 0.
            NDArray uv = m.create(new float[] {-0.75f, 0, 0, 0, 1, 1, 1.5f, 0}, new Shape(1, 4, 2));
            float[] s = JointFeatureSampler.sample(features, uv).toFloatArray(); // (1,4,2)
            float[] expected = {10, 20, 11.5f, 23, 5.75f, 11.5f, 0, 0};
            for (int i = 0; i < expected.length; i++) {
                assertThat(s[i]).as("value %d", i).isCloseTo(expected[i], within(1e-5f));
            }
        }
    }
}
