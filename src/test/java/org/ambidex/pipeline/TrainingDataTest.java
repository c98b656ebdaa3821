package org.ambidex.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrainingDataTest {

    @Test
    void validationSubsetsSpreadOverTheWholeSplit() {
        List<Integer> split = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            split.add(i);
        }
        assertThat(TrainingData.spread(split, 4)).containsExactly(0, 2, 5, 7);
        assertThat(TrainingData.spread(split, 5)).containsExactly(0, 2, 4, 6, 8);
        assertThat(TrainingData.spread(split, 10)).isEqualTo(split);
        assertThat(TrainingData.spread(split, 0)).isEqualTo(split);
        assertThat(TrainingData.spread(split, 25)).isEqualTo(split);
    }

    @Test
    void theFirstSamplesAreAPrefixOrAll() {
        List<Integer> all = List.of(1, 2, 3, 4);
        assertThat(TrainingData.first(all, 2)).containsExactly(1, 2);
        assertThat(TrainingData.first(all, 0)).isEqualTo(all);
        assertThat(TrainingData.first(all, 9)).isEqualTo(all);
    }
}
