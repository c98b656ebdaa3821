package org.ambidex.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DataOrderTest {

    @Test
    void eachEpochVisitsEverySampleOnceInItsOwnOrderAndDropsTheLastPartialBatch() {
        DataOrder order = new DataOrder(7, 10, 3);
        assertThat(order.stepsPerEpoch()).isEqualTo(3);
        for (int epoch = 0; epoch < 3; epoch++) {
            int[] p = order.permutation(epoch);
            assertThat(Arrays.stream(p).sorted().toArray()).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
            Set<Integer> seen = new HashSet<>();
            for (int s = 0; s < 3; s++) {
                int[] batch = order.batch(3L * epoch + s);
                assertThat(batch).containsExactly(Arrays.copyOfRange(p, 3 * s, 3 * s + 3));
                Arrays.stream(batch).forEach(seen::add);
            }
            assertThat(seen).hasSize(9);
        }
        assertThat(order.permutation(0)).isNotEqualTo(order.permutation(1));
        assertThat(order.epochOf(5)).isEqualTo(1);
    }

    @Test
    void orderAndAugmentationSeedsFollowFromTheSeedAlone() {
        DataOrder a = new DataOrder(7, 10, 3);
        DataOrder b = new DataOrder(7, 10, 3);
        DataOrder c = new DataOrder(8, 10, 3);
        assertThat(a.batch(4)).containsExactly(b.batch(4));
        assertThat(a.permutation(2)).isNotEqualTo(c.permutation(2));
        assertThat(a.sampleSeed(1, 4)).isEqualTo(b.sampleSeed(1, 4)).isNotEqualTo(a.sampleSeed(2, 4))
            .isNotEqualTo(a.sampleSeed(1, 5)).isNotEqualTo(c.sampleSeed(1, 4));
    }

    @Test
    void aSetSmallerThanABatchIsRefused() {
        assertThatThrownBy(() -> new DataOrder(0, 2, 3)).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("2 samples");
    }

    @Test
    void stepDecayDividesOnceForEveryDecayEpochReached() {
        LearningRateSchedule s = LearningRateSchedule.stepDecay(1e-4, 10, 15, 17);
        assertThat(s.at(0, 0)).isEqualTo(1e-4);
        assertThat(s.at(14, 999)).isEqualTo(1e-4);
        assertThat(s.at(15, 0)).isEqualTo(1e-4 / 10);
        assertThat(s.at(16, 0)).isEqualTo(1e-4 / 10);
        assertThat(s.at(17, 0)).isEqualTo(1e-4 / 100);
        assertThat(s.at(19, 0)).isEqualTo(1e-4 / 100);
    }
}
