package org.ambidex.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

class NdArrayTest {

    @Test
    void fortranOrderIsReadInLogicalCOrder() {
        // memory (column-major) of [[1,2,3],[4,5,6]] is 1,4,2,5,3,6
        NdArray f = NdArray.ofDoubles(new int[] {6}, 1, 4, 2, 5, 3, 6);
        NdArray fortran = NdArray.wrap(DType.FLOAT64, new int[] {2, 3}, NdArray.Order.FORTRAN, f.bytes());
        assertThat(fortran.toDoubleArray()).containsExactly(1, 2, 3, 4, 5, 6);
        assertThat(fortran.get(1, 0)).isEqualTo(4);
        assertThat(fortran.toCOrder().order()).isEqualTo(NdArray.Order.C);
        assertThat(fortran).isEqualTo(NdArray.ofDoubles(new int[] {2, 3}, 1, 2, 3, 4, 5, 6));
    }

    @Test
    void bigEndianBytesAreSwapped() {
        byte[] be = {0x3f, (byte) 0x80, 0, 0, 0x40, 0, 0, 0}; // 1.0f, 2.0f big-endian
        NdArray a = NdArray.wrap(DType.FLOAT32, new int[] {2}, NdArray.Order.C, be, ByteOrder.BIG_ENDIAN);
        assertThat(a.toFloatArray()).containsExactly(1f, 2f);
    }

    @Test
    void unsignedAndBoolValues() {
        NdArray u = NdArray.wrap(DType.UINT32, new int[] {1}, NdArray.Order.C, new byte[] {-1, -1, -1, -1});
        assertThat(u.getLong(0)).isEqualTo(4294967295L);
        NdArray b = NdArray.wrap(DType.BOOL, new int[] {2}, NdArray.Order.C, new byte[] {0, 1});
        assertThat(b.toDoubleArray()).containsExactly(0, 1);
    }

    @Test
    void rejectsMismatchedByteCount() {
        assertThatThrownBy(() -> NdArray.wrap(DType.FLOAT32, new int[] {3}, NdArray.Order.C, new byte[8]))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs 12 bytes");
    }

    @Test
    void scalarsAndEmptyArrays() {
        NdArray scalar = NdArray.ofLongs(new int[0], 42);
        assertThat(scalar.size()).isEqualTo(1);
        assertThat(scalar.getLong(0)).isEqualTo(42);
        NdArray empty = NdArray.ofFloats(new int[] {0, 3});
        assertThat(empty.size()).isZero();
        assertThat(empty.toFloatArray()).isEmpty();
    }
}
