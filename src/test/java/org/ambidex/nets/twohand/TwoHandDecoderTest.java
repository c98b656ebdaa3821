package org.ambidex.nets.twohand;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.ambidex.hand.HandSide;
import org.junit.jupiter.api.Test;

class TwoHandDecoderTest {

    @Test
    void meanVectorIsTheRestHandSeenByThePriorCamera() {
        try (NDManager m = NDManager.newBaseManager();
             TwoHandDecoder decoder = new TwoHandDecoder(TinyHandModels.of(HandSide.RIGHT, 1),
                 TinyHandModels.of(HandSide.LEFT, 2), m)) {
            float[] mean = HandVector.mean();
            mean[HandVector.CAMERA + 1] = 0.25f;
            mean[HandVector.CAMERA + 2] = -0.5f;
            NDArray v = m.create(mean, new Shape(1, HandVector.SIZE));
            DecodedHand d = decoder.decode(0, v);
            float[] joints = d.joints().toFloatArray();
            float[] uv = d.uv().toFloatArray();
            assertThat(joints[0]).isEqualTo(0f);
            for (int j = 0; j < 21; j++) {
                assertThat(uv[2 * j]).isCloseTo((float) (HandVector.SCALE_PRIOR * joints[3 * j] + 0.25), within(1e-5f));
                assertThat(uv[2 * j + 1]).isCloseTo((float) (HandVector.SCALE_PRIOR * joints[3 * j + 1] - 0.5),
                    within(1e-5f));
            }
            float[] r = d.rotation().toFloatArray();
            float[] identity = {1, 0, 0, 0, 1, 0, 0, 0, 1};
            for (int i = 0; i < 9; i++) {
                assertThat(r[i]).isCloseTo(identity[i], within(1e-6f));
            }
            assertThat(d.scale().getFloat(0, 0)).isCloseTo((float) HandVector.SCALE_PRIOR, within(1e-5f));
            // The wrist is the root: every vertex is relative to it.
            assertThat(d.vertices().getShape()).isEqualTo(new Shape(1, 37, 3));
        }
    }

    @Test
    void refusesModelsOfTheWrongSides() {
        try (NDManager m = NDManager.newBaseManager()) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> new TwoHandDecoder(
                    TinyHandModels.of(HandSide.LEFT, 1), TinyHandModels.of(HandSide.LEFT, 2), m))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("right and a left");
        }
    }
}
