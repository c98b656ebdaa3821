package org.ambidex.nets;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class IntermediatesTest {

    @Test
    void aStepFreesWhatItMadeAndHandsItsResultToTheEnclosingScope() {
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            NDArray input = manager.create(new float[] {1, 2, 3});
            List<NDArray> made = new ArrayList<>();
            NDArray result;
            try (NDScope outer = new NDScope()) {
                result = Intermediates.step(false, input, () -> {
                    NDArray doubled = input.mul(2);
                    NDArray shifted = doubled.add(1);
                    made.add(doubled);
                    made.add(shifted);
                    return shifted.mul(shifted);
                });
                assertThat(made).allMatch(NDArray::isReleased);
                assertThat(result.isReleased()).isFalse();
                assertThat(result.toFloatArray()).containsExactly(9f, 25f, 49f);
            }
            assertThat(result.isReleased()).as("the enclosing scope owns the result").isTrue();
            assertThat(input.isReleased()).as("made before every scope").isFalse();
        }
    }

    @Test
    void aStepThatReturnsItsInputLeavesItToItsOwner() {
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            NDArray input = manager.create(new float[] {1, 2});
            try (NDScope outer = new NDScope()) {
                NDList out = Intermediates.step(false, new NDList(input), () -> new NDList(input, input.neg()));
                assertThat(out.get(0)).isSameAs(input);
            }
            assertThat(input.isReleased()).isFalse();
        }
    }

    @Test
    void nestedStepsFreeEachLevelsIntermediatesWhenTheirStepReturns() {
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            NDArray input = manager.create(new float[] {1, 2});
            List<NDArray> inner = new ArrayList<>();
            NDArray result;
            try (NDScope outer = new NDScope()) {
                result = Intermediates.step(false, input, () -> {
                    NDArray a = Intermediates.step(false, input, () -> input.add(1));
                    inner.add(a);
                    NDArray b = Intermediates.step(false, a, () -> a.mul(3));
                    assertThat(a.isReleased()).as("owned by the outer step until it returns").isFalse();
                    return b.neg();
                });
                assertThat(inner).allMatch(NDArray::isReleased);
                assertThat(result.toFloatArray()).containsExactly(-6f, -9f);
            }
        }
    }

    @Test
    void inTrainingModeNothingIsClosedEarly() {
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            NDArray input = manager.create(new float[] {1, 2});
            List<NDArray> made = new ArrayList<>();
            Intermediates.step(true, input, () -> {
                NDArray a = input.add(1);
                made.add(a);
                return a.mul(2);
            });
            assertThat(made).noneMatch(NDArray::isReleased);
        }
    }
}
