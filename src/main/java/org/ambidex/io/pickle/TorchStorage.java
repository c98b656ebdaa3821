package org.ambidex.io.pickle;

import java.nio.ByteOrder;
import java.util.Objects;
import org.ambidex.io.DType;

/**
 * A PyTorch storage: the flat buffer of elements that tensors view. Its bytes are set once, by the
 * checkpoint reader, either when the persistent id is met (zip container) or after the pickle (legacy
 * container); tensors are made from it only after that.
 */
public final class TorchStorage {

    /** A storage class of PyTorch ({@code torch.FloatStorage} ...) and its element type. */
    public record Type(String name, DType dtype) implements PyGlobal {
        @Override
        public String qualifiedName() {
            return "torch." + name;
        }
    }

    private final Type type;
    private final String key;
    private final String location;
    private final long elementCount;
    private byte[] littleEndian;

    public TorchStorage(Type type, String key, String location, long elementCount) {
        this.type = Objects.requireNonNull(type, "type");
        this.key = key;
        this.location = location;
        this.elementCount = elementCount;
    }

    public Type type() {
        return type;
    }

    public DType dtype() {
        return type.dtype();
    }

    /** The storage's key in the checkpoint (its file name in a zip container). */
    public String key() {
        return key;
    }

    /** The device tag it was saved from ({@code cpu}, {@code cuda:0}); ambidex loads every storage on the CPU. */
    public String location() {
        return location;
    }

    /** Number of elements as declared in the pickle. */
    public long elementCount() {
        return elementCount;
    }

    /** Whether the bytes have been set. */
    public boolean isLoaded() {
        return littleEndian != null;
    }

    /**
     * Sets the storage's bytes (taking ownership; big-endian bytes are swapped). The length must be
     * {@code elementCount * itemSize}.
     */
    public void setBytes(byte[] bytes, ByteOrder order) {
        if (littleEndian != null) {
            throw new IllegalStateException("storage " + key + " already loaded");
        }
        long expected = elementCount * dtype().itemSize();
        if (bytes.length != expected) {
            throw new IllegalArgumentException("storage " + key + " holds " + bytes.length + " bytes, expected "
                + expected);
        }
        int width = dtype().isComplex() ? dtype().itemSize() / 2 : dtype().itemSize();
        if (order == ByteOrder.BIG_ENDIAN && width > 1) {
            for (int i = 0; i < bytes.length; i += width) {
                for (int a = i, b = i + width - 1; a < b; a++, b--) {
                    byte t = bytes[a];
                    bytes[a] = bytes[b];
                    bytes[b] = t;
                }
            }
        }
        littleEndian = bytes;
    }

    /** The little-endian bytes (not a copy; do not modify). */
    byte[] bytes() {
        if (littleEndian == null) {
            throw new PickleException("the data of storage " + key + " is missing");
        }
        return littleEndian;
    }

    @Override
    public String toString() {
        return "TorchStorage(" + type.name() + ", key " + key + ", " + elementCount + " elements, " + location + ")";
    }
}
