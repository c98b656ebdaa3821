package org.ambidex.io;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class Float16Test {

    @Test
    void knownValuesDecodeExactly() {
        assertThat(Float16.toFloat(0x3c00)).isEqualTo(1f);
        assertThat(Float16.toFloat(0xc000)).isEqualTo(-2f);
        assertThat(Float16.toFloat(0x7bff)).isEqualTo(65504f);
        assertThat(Float16.toFloat(0x0001)).isEqualTo(0x1p-24f);
        assertThat(Float16.toFloat(0x7c00)).isEqualTo(Float.POSITIVE_INFINITY);
        assertThat(Float16.toFloat(0xfc00)).isEqualTo(Float.NEGATIVE_INFINITY);
        assertThat(Float16.toFloat(0x7e00)).isNaN();
        assertThat(Float16.toFloat(0x3555)).isEqualTo(0.33325195f);
        assertThat(Float.floatToRawIntBits(Float16.toFloat(0x8000))).isEqualTo(0x80000000);
    }

    @Test
    void everyHalfEqualsItsDefinition() {
        // value = (-1)^s * 2^(e-15) * (1 + m/1024), or 2^-14 * m/1024 for e = 0: computed in double, exact.
        for (int bits = 0; bits < 0x10000; bits++) {
            int e = (bits >>> 10) & 0x1f;
            int m = bits & 0x3ff;
            if (e == 0x1f) {
                assertThat(Float.isNaN(Float16.toFloat(bits))).isEqualTo(m != 0);
                continue;
            }
            double magnitude = e == 0 ? Math.scalb(m / 1024.0, -14) : Math.scalb(1 + m / 1024.0, e - 15);
            double expected = (bits & 0x8000) != 0 ? -magnitude : magnitude;
            assertThat((double) Float16.toFloat(bits)).as("half 0x%04x", bits).isEqualTo(expected);
        }
    }

    @Test
    void littleEndianRunsWiden() {
        byte[] bytes = {9, 0x00, 0x3c, 0x00, (byte) 0xc0};
        assertThat(Float16.toFloats(bytes, 1, 2)).containsExactly(1f, -2f);
    }
}
