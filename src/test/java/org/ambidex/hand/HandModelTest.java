package org.ambidex.hand;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.ambidex.io.NdArray;
import org.junit.jupiter.api.Test;

class HandModelTest {

    private final HandModel model = SyntheticHandModels.random(5, 20, 4);

    @Test
    void theTreeMustBeAValidSixteenJointTree() {
        int[] badRoot = SyntheticHandModels.MANO_PARENTS.clone();
        badRoot[0] = 0;
        assertThatThrownBy(() -> model.toBuilder().parents(badRoot).build())
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("root");
        int[] forward = SyntheticHandModels.MANO_PARENTS.clone();
        forward[3] = 5;
        assertThatThrownBy(() -> model.toBuilder().parents(forward).build())
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("joint 3");
        assertThatThrownBy(() -> model.toBuilder().parents(new int[15]).build())
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("16 joints");
    }

    @Test
    void facesAndTipsMustIndexVertices() {
        assertThatThrownBy(() -> model.toBuilder().faces(NdArray.ofInts(new int[] {1, 3}, 0, 1, 20)).build())
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("vertex index 20");
        assertThatThrownBy(() -> model.toBuilder().tipVertices(new int[] {0, 1, 2, 3, 99}).build())
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("99");
        assertThatThrownBy(() -> model.toBuilder().faces(NdArray.ofDoubles(new int[] {1, 3}, 0, 1, 2)).build())
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("integers");
    }

    @Test
    void negatingTheShapedirsXComponentTouchesOnlyX() {
        HandModel fixed = model.withShapedirsXNegated();
        assertThat(fixed.leftShapedirsFixed()).isTrue();
        int s = model.shapeCount();
        for (int v = 0; v < model.vertexCount(); v++) {
            for (int c = 0; c < 3; c++) {
                for (int l = 0; l < s; l++) {
                    double before = model.shapedirs().get(v, c, l);
                    assertThat(fixed.shapedirs().get(v, c, l)).isEqualTo(c == 0 ? -before : before);
                }
            }
        }
        assertThat(fixed.vTemplate()).isEqualTo(model.vTemplate());
        assertThat(HandModelLoader.hasLeftShapedirsDefect(model, model)).isTrue();
    }

    @Test
    void pcaRoundTripsWithNonUnitComponentsAndFewerCoefficients() {
        double[] coefficients = SyntheticHandModels.gaussian(new Random(1), 6, 1);
        double[] pose = model.pcaToAxisAngle(coefficients, true);
        double[] all = model.axisAngleToPca(pose, true);
        for (int i = 0; i < 45; i++) {
            assertThat(all[i]).isCloseTo(i < 6 ? coefficients[i] : 0, within(1e-10));
        }
        double[] inverse = model.handsComponentsInverse();
        double[] product = org.ambidex.geom.SquareMatrix.multiply(model.handsComponents().toDoubleArray(), inverse, 45);
        for (int i = 0; i < 45; i++) {
            assertThat(product[i * 45 + i]).isCloseTo(1, within(1e-10));
        }
    }
}
