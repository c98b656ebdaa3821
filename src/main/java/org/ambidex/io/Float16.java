package org.ambidex.io;

/**
 * IEEE 754 binary16 ("half") values widened to float exactly. Java 17 has no {@code Float.float16ToFloat} (it
 * arrives in Java 20); every half value is exactly representable as a float, so the widening loses nothing.
 */
public final class Float16 {

    private Float16() {
    }

    /** The float equal to the half whose 16 bits are the low bits of {@code bits}. */
    public static float toFloat(int bits) {
        int sign = (bits & 0x8000) << 16;
        int exponent = (bits >>> 10) & 0x1f;
        int mantissa = bits & 0x3ff;
        if (exponent == 0x1f) {
            // Infinities keep a zero mantissa; NaNs keep their payload in the top mantissa bits.
            return Float.intBitsToFloat(sign | 0x7f800000 | mantissa << 13);
        }
        if (exponent == 0) {
            if (mantissa == 0) {
                return Float.intBitsToFloat(sign);
            }
            // Subnormal half: value = mantissa * 2^-24, a normal float.
            float magnitude = mantissa * 0x1p-24f;
            return sign != 0 ? -magnitude : magnitude;
        }
        // Rebias the exponent from 15 to 127 and widen the mantissa from 10 to 23 bits.
        return Float.intBitsToFloat(sign | (exponent + 112) << 23 | mantissa << 13);
    }

    /**
     * {@code count} little-endian halves of {@code bytes} starting at byte {@code offset}, widened.
     *
     * @throws IndexOutOfBoundsException when the range does not lie inside {@code bytes}
     */
    public static float[] toFloats(byte[] bytes, int offset, int count) {
        java.util.Objects.checkFromIndexSize(offset, Math.multiplyExact(count, 2), bytes.length);
        float[] out = new float[count];
        for (int i = 0; i < count; i++) {
            int at = offset + 2 * i;
            out[i] = toFloat((bytes[at] & 0xff) | (bytes[at + 1] & 0xff) << 8);
        }
        return out;
    }
}
