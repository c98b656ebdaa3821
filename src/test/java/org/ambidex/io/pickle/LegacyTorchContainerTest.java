package org.ambidex.io.pickle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Map;
import org.ambidex.core.BadInputException;
import org.ambidex.io.NdArray;
import org.junit.jupiter.api.Test;

/**
 * A legacy container assembled byte by byte, as a big-endian machine wrote it, with a storage view
 * (view_metadata), which PyTorch 1.13 no longer writes.
 */
class LegacyTorchContainerTest {

    /** {'a': tensor at offset 1 of storage k1, 'v': tensor on view k1v = k1[1:3]}; k1 = [1.5, -2, 8]. */
    static byte[] bigEndianWithView(long declaredCount) {
        PickleBytes p = PickleBytes.proto(2).op(0x8a, 10).op(0x6c, 0xfc, 0x9c, 0x46, 0xf9, 0x20, 0x6a, 0xa8, 0x50, 0x19)
            .stop();
        p.op(0x80, 2, 'M').le(1001, 2).stop();
        p.op(0x80, 2, '}', '(').unicode("little_endian").op(0x89).op('u').stop();
        p.op(0x80, 2, '}', '(');
        p.unicode("a");
        tensor(p, "None", 1);
        p.unicode("v");
        tensor(p, "view", 0);
        p.op('u').stop();
        p.op(0x80, 2, ']').unicode("k1").op('a').stop();
        ByteBuffer raw = ByteBuffer.allocate(8 + 12).order(ByteOrder.BIG_ENDIAN);
        raw.putLong(declaredCount).putFloat(1.5f).putFloat(-2f).putFloat(8f);
        return p.raw(raw.array()).bytes();
    }

    private static void tensor(PickleBytes p, String view, int offset) {
        p.global("torch._utils", "_rebuild_tensor_v2").op('(');
        p.op('(').unicode("storage").global("torch", "FloatStorage").unicode("k1").unicode("cuda:1").int1(3);
        if (view.equals("view")) {
            p.unicode("k1v").int1(1).int1(2).op(0x87);
        } else {
            p.op('N');
        }
        p.op('t', 'Q');
        p.int1(offset).int1(2).op(0x85).int1(1).op(0x85).op(0x89).op('N').op('t', 'R');
    }

    @Test
    void bigEndianStoragesAndViewsAreRead() {
        Map<?, ?> value = (Map<?, ?>) LegacyTorchContainer.read(PickleSource.of(bigEndianWithView(3)), Path.of("old.pth"));
        assertThat(((NdArray) value.get("a")).toFloatArray()).containsExactly(-2f, 8f);
        assertThat(((NdArray) value.get("v")).toFloatArray()).containsExactly(-2f, 8f);
    }

    @Test
    void aStorageWhoseCountDisagreesIsRefused() {
        assertThatThrownBy(() -> LegacyTorchContainer.read(PickleSource.of(bigEndianWithView(4)), Path.of("old.pth")))
            .isInstanceOf(BadInputException.class).hasMessage("old.pth: storage k1 holds 4 elements, its tensors declare 3");
        assertThatThrownBy(() -> LegacyTorchContainer.read(PickleSource.of(bigEndianWithView(1L << 40)), Path.of("old.pth")))
            .isInstanceOf(BadInputException.class).hasMessageContaining("holds 1099511627776 elements");
    }
}
