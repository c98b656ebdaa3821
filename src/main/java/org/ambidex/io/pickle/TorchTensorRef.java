package org.ambidex.io.pickle;

import java.util.Arrays;
import org.ambidex.io.NdArray;

/**
 * A tensor as {@code torch._utils._rebuild_tensor_v2} describes it: a view (offset, sizes, strides in
 * elements) of a storage. It becomes a C-order {@link NdArray} once the storage bytes are known.
 */
final class TorchTensorRef implements Deferred {
    private final TorchStorage storage;
    private final long offset;
    private final int[] shape;
    private final long[] stride;

    TorchTensorRef(TorchStorage storage, long offset, int[] shape, long[] stride) {
        if (shape.length != stride.length) {
            throw new PickleException("tensor has " + shape.length + " sizes but " + stride.length + " strides");
        }
        if (offset < 0) {
            throw new PickleException("tensor has a negative storage offset " + offset);
        }
        long size = 1;
        long last = offset;
        for (int a = 0; a < shape.length; a++) {
            if (shape[a] < 0 || stride[a] < 0) {
                throw new PickleException("tensor has a negative size or stride: " + Arrays.toString(shape) + " / "
                    + Arrays.toString(stride));
            }
            size = Math.multiplyExact(size, shape[a]);
        }
        if (size > 0) {
            for (int a = 0; a < shape.length; a++) {
                last = Math.addExact(last, Math.multiplyExact((long) shape[a] - 1, stride[a]));
            }
            if (last >= storage.elementCount()) {
                throw new PickleException("tensor of shape " + Arrays.toString(shape) + " at offset " + offset
                    + " with strides " + Arrays.toString(stride) + " reaches past its storage of "
                    + storage.elementCount() + " elements");
            }
        }
        this.storage = storage;
        this.offset = offset;
        this.shape = shape;
        this.stride = stride;
    }

    @Override
    public NdArray resolve(CopyBudget budget) {
        byte[] source = storage.bytes();
        int item = storage.dtype().itemSize();
        long size = 1;
        for (int d : shape) {
            size *= d;
        }
        if (size * item > Integer.MAX_VALUE - 16) {
            throw new PickleException("tensor of shape " + Arrays.toString(shape) + " is larger than 2 GiB");
        }
        if (size == 0) {
            return NdArray.wrap(storage.dtype(), shape, NdArray.Order.C, new byte[0]);
        }
        if (isCContiguous() && offset == 0 && size * item == source.length) {
            return NdArray.wrap(storage.dtype(), shape, NdArray.Order.C, source);
        }
        budget.charge(size * item, storage.key());
        if (isCContiguous()) {
            byte[] slice = Arrays.copyOfRange(source, (int) (offset * item), (int) ((offset + size) * item));
            return NdArray.wrap(storage.dtype(), shape, NdArray.Order.C, slice);
        }
        // A strided view (a transpose, a column slice): gather its elements in C order.
        byte[] out = new byte[(int) (size * item)];
        int[] index = new int[shape.length];
        long at = offset;
        for (long i = 0; i < size; i++) {
            System.arraycopy(source, (int) (at * item), out, (int) (i * item), item);
            for (int a = shape.length - 1; a >= 0; a--) {
                if (++index[a] < shape[a]) {
                    at += stride[a];
                    break;
                }
                at -= (long) (shape[a] - 1) * stride[a];
                index[a] = 0;
            }
        }
        return NdArray.wrap(storage.dtype(), shape, NdArray.Order.C, out);
    }

    private boolean isCContiguous() {
        long expected = 1;
        for (int a = shape.length - 1; a >= 0; a--) {
            if (shape[a] != 1 && stride[a] != expected) {
                return false;
            }
            expected *= shape[a];
        }
        return true;
    }
}
