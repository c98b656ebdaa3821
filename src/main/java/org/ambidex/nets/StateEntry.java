package org.ambidex.nets;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import java.util.Arrays;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;
import org.ambidex.io.DType;
import org.ambidex.io.NdArray;

/**
 * One tensor of a module's {@code state_dict()}: a parameter (held by DJL) or a buffer kept by the module
 * (BatchNorm's {@code num_batches_tracked}). Names are relative to the module that {@link TorchModule#stateEntries()
 * lists} them.
 */
public abstract sealed class StateEntry {

    private final String name;

    private StateEntry(String name) {
        this.name = name;
    }

    /** The last component of the PyTorch name ({@code weight}, {@code running_mean}, ...). */
    public String name() {
        return name;
    }

    /** Shape as PyTorch reports it ({@code []} for a 0-d tensor). */
    public abstract int[] shape();

    /** The element type PyTorch stores it in. */
    public abstract DType dtype();

    /** Whether training updates it through gradients. */
    public abstract boolean trainable();

    /** A copy of the current value. */
    public abstract NdArray read();

    /** Replaces the value; {@code value} must have {@link #shape()} (checked by the caller). */
    public abstract void write(NdArray value);

    static StateEntry of(Parameter parameter) {
        return new ParameterEntry(parameter);
    }

    static StateEntry counter(String name, LongSupplier get, LongConsumer set) {
        return new CounterEntry(name, get, set);
    }

    /** An int64 buffer of fixed shape held by the module (index tables such as a mesh's faces). */
    public static StateEntry longs(String name, int[] shape, long[] values) {
        return new LongTensorEntry(name, shape, values);
    }

    /** A DJL parameter. */
    public static final class ParameterEntry extends StateEntry {
        private final Parameter parameter;

        ParameterEntry(Parameter parameter) {
            super(parameter.getName());
            this.parameter = parameter;
        }

        public Parameter parameter() {
            return parameter;
        }

        @Override
        public int[] shape() {
            return Arrays.stream(parameter.getShape().getShape()).mapToInt(Math::toIntExact).toArray();
        }

        @Override
        public DType dtype() {
            return DType.FLOAT32;
        }

        @Override
        public boolean trainable() {
            return parameter.requiresGradient();
        }

        @Override
        public NdArray read() {
            return NdArray.ofFloats(shape(), parameter.getArray().toFloatArray());
        }

        @Override
        public void write(NdArray value) {
            // The first write of a buffer is when libtorch prints its deprecation warning: hide it unless asked.
            NativeLog.apply();
            NDArray array = parameter.getArray();
            array.set(java.nio.FloatBuffer.wrap(value.toFloatArray()));
        }
    }

    /** A 0-d int64 counter kept as a Java field. */
    public static final class CounterEntry extends StateEntry {
        private final LongSupplier get;
        private final LongConsumer set;

        CounterEntry(String name, LongSupplier get, LongConsumer set) {
            super(name);
            this.get = get;
            this.set = set;
        }

        @Override
        public int[] shape() {
            return new int[0];
        }

        @Override
        public DType dtype() {
            return DType.INT64;
        }

        @Override
        public boolean trainable() {
            return false;
        }

        @Override
        public NdArray read() {
            return NdArray.ofLongs(new int[0], get.getAsLong());
        }

        @Override
        public void write(NdArray value) {
            set.accept(value.getLong(0));
        }
    }

    /**
     * An int64 tensor kept in a Java array that the module reads (an index buffer). Its values are shared with
     * the module: {@link #write} replaces them in place.
     */
    public static final class LongTensorEntry extends StateEntry {
        private final int[] shape;
        private final long[] values;

        LongTensorEntry(String name, int[] shape, long[] values) {
            super(name);
            long size = 1;
            for (int d : shape) {
                size *= d;
            }
            if (size != values.length) {
                throw new IllegalArgumentException(name + ": " + values.length + " values for shape "
                    + Arrays.toString(shape));
            }
            this.shape = shape.clone();
            this.values = values;
        }

        @Override
        public int[] shape() {
            return shape.clone();
        }

        @Override
        public DType dtype() {
            return DType.INT64;
        }

        @Override
        public boolean trainable() {
            return false;
        }

        @Override
        public NdArray read() {
            return NdArray.ofLongs(shape, values.clone());
        }

        @Override
        public void write(NdArray value) {
            long[] v = value.toLongArray();
            System.arraycopy(v, 0, values, 0, values.length);
        }
    }
}
