package org.ambidex.nets;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ThreadsTest {

    /** Setting the count works even as the first native call of the process (the engine loads on demand). */
    @Test
    void setsAndReadsTheIntraOpThreadCount() {
        int before = Threads.get();
        try {
            Threads.set(1);
            assertThat(Threads.get()).isEqualTo(1);
        } finally {
            Threads.set(before);
        }
    }
}
