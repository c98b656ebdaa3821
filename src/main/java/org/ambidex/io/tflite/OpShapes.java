package org.ambidex.io.tflite;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.ambidex.core.BadInputException;

/**
 * The output shape each op must have, computed from its inputs and options (NHWC, batch 1, as TFLite computes
 * it), while checking what the interpreter relies on: how many inputs, which are activations, weights (float32
 * constants or dequantised float16 constants) or int32 constants, and that their shapes fit together.
 */
final class OpShapes {

    private final TfliteModel model;
    private final Refusal refusal;
    private final boolean[] weight;
    private TfliteOperator op;

    /** {@code weight[i]}: tensor i holds fixed float values (a float32 constant or a dequantised one). */
    OpShapes(TfliteModel model, Refusal refusal, boolean[] weight) {
        this.model = model;
        this.refusal = refusal;
        this.weight = weight;
    }

    /** The shape the one output of {@code operator} must have. */
    long[] output(TfliteOperator operator) {
        this.op = operator;
        return switch (op.op()) {
            case DEQUANTIZE -> dequantize();
            case DENSIFY -> densify();
            case CONV_2D -> conv(false);
            case DEPTHWISE_CONV_2D -> conv(true);
            case MAX_POOL_2D -> pool();
            case PAD -> pad();
            case ADD -> add();
            case PRELU -> prelu();
            case RESIZE_BILINEAR -> resize();
            case RESHAPE -> reshape();
            case DEPTH_TO_SPACE -> depthToSpace();
            case CONCATENATION -> concatenation();
            case MEAN -> mean();
            case FULLY_CONNECTED -> fullyConnected();
            case LOGISTIC, RELU6 -> {
                inputs(1, 1);
                yield shape(activation(0));
            }
        };
    }

    private long[] dequantize() {
        inputs(1, 1);
        TfliteTensor in = model.tensor(op.input(0));
        if (in.dtype() != TfliteDType.FLOAT16 || !in.constant() && !densified(in)) {
            throw refuse("reads " + describe(in) + "; only FLOAT16 constants are dequantised");
        }
        return shape(in);
    }

    private long[] densify() {
        inputs(1, 1);
        TfliteTensor in = model.tensor(op.input(0));
        TfliteTensor out = model.tensor(op.output(0));
        if (!in.sparse()) {
            throw refuse("reads " + describe(in) + "; only sparse constants are densified");
        }
        if (out.dtype() != in.dtype()) {
            throw refuse("writes " + describe(out) + " from " + describe(in) + "; expected the same element type");
        }
        return shape(in);
    }

    /** Whether {@code t} is written by a DENSIFY op (a sparse constant made dense, as fixed as a constant). */
    private boolean densified(TfliteTensor t) {
        return model.operators().stream().anyMatch(o -> o.op() == TfliteOp.DENSIFY && o.output(0) == t.index());
    }

    private long[] conv(boolean depthwise) {
        inputs(2, 3);
        TfliteTensor x = rank(activation(0), 4);
        TfliteTensor w = rank(weight(1), 4);
        int out = depthwise ? w.dim(3) : w.dim(0);
        if (depthwise ? w.dim(0) != 1 || w.dim(3) != x.dim(3) : w.dim(3) != x.dim(3)) {
            throw refuse("has weights " + w.shape() + " for an input of " + x.dim(3) + " channels; expected "
                + (depthwise ? "[1, KH, KW, " + x.dim(3) + "]" : "[O, KH, KW, " + x.dim(3) + "]"));
        }
        bias(2, out);
        TfliteOptions.Convolution o = (TfliteOptions.Convolution) op.options();
        return new long[] {1, window(o.padding(), x.dim(1), w.dim(1), o.strideH()),
            window(o.padding(), x.dim(2), w.dim(2), o.strideW()), out};
    }

    private long[] pool() {
        inputs(1, 1);
        TfliteTensor x = rank(activation(0), 4);
        TfliteOptions.Pool2D o = (TfliteOptions.Pool2D) op.options();
        return new long[] {1, window(o.padding(), x.dim(1), o.filterH(), o.strideH()),
            window(o.padding(), x.dim(2), o.filterW(), o.strideW()), x.dim(3)};
    }

    private long[] pad() {
        inputs(2, 2);
        TfliteTensor x = rank(activation(0), 4);
        TfliteTensor p = int32(1);
        int[] pads = model.ints(p.index());
        if (!p.shape().equals(List.of(4, 2)) || pads[0] != 0 || pads[1] != 0
            || Arrays.stream(pads).anyMatch(v -> v < 0)) {
            throw refuse("has paddings " + p.shape() + " " + Arrays.toString(pads)
                + "; expected [4, 2], not negative, none on the batch axis");
        }
        long[] out = shape(x);
        for (int a = 0; a < 4; a++) {
            out[a] += (long) pads[2 * a] + pads[2 * a + 1];
        }
        return out;
    }

    private long[] add() {
        inputs(2, 2);
        TfliteTensor a = activation(0);
        TfliteTensor b = activation(1);
        if (!a.shape().equals(b.shape())) {
            throw refuse("adds " + a.shape() + " and " + b.shape() + "; only equal shapes are supported");
        }
        return shape(a);
    }

    private long[] prelu() {
        inputs(2, 2);
        TfliteTensor x = activation(0);
        TfliteTensor alpha = weight(1);
        int channels = x.dim(x.rank() - 1);
        boolean perChannel = alpha.rank() >= 1 && alpha.rank() <= x.rank() && alpha.dim(alpha.rank() - 1) == channels
            && alpha.elementCount() == channels;
        if (x.rank() < 2 || !perChannel) {
            throw refuse("has alpha " + alpha.shape() + " for an input of " + x.shape()
                + "; expected one alpha per channel (shape [1, 1, " + channels + "])");
        }
        return shape(x);
    }

    private long[] depthToSpace() {
        inputs(1, 1);
        TfliteTensor x = rank(activation(0), 4);
        long b = ((TfliteOptions.DepthToSpace) op.options()).blockSize();
        if (x.dim(3) % (b * b) != 0) {
            throw refuse("has block size " + b + " for " + x.dim(3) + " channels; expected a multiple of " + b * b);
        }
        return new long[] {1, x.dim(1) * b, x.dim(2) * b, x.dim(3) / (b * b)};
    }

    private long[] resize() {
        inputs(2, 2);
        TfliteTensor x = rank(activation(0), 4);
        TfliteTensor size = int32(1);
        int[] hw = model.ints(size.index());
        if (hw.length != 2 || hw[0] < 1 || hw[1] < 1) {
            throw refuse("has output size " + Arrays.toString(hw) + "; expected two positive lengths");
        }
        return new long[] {1, hw[0], hw[1], x.dim(3)};
    }

    private long[] reshape() {
        inputs(1, 2);
        TfliteTensor x = activation(0);
        List<Integer> target;
        if (op.inputs().size() == 2 && op.input(1) >= 0) {
            TfliteTensor s = int32(1);
            target = Arrays.stream(model.ints(s.index())).boxed().toList();
        } else {
            target = ((TfliteOptions.Reshape) op.options()).newShape();
        }
        long known = 1;
        int unknown = -1;
        for (int a = 0; a < target.size(); a++) {
            int d = target.get(a);
            if (d == -1 && unknown < 0) {
                unknown = a;
            } else if (d < 1) {
                throw refuse("has new shape " + target + "; expected positive lengths and at most one -1");
            } else {
                known *= d;
            }
        }
        long[] out = target.stream().mapToLong(Integer::longValue).toArray();
        if (unknown >= 0) {
            out[unknown] = known == 0 ? 0 : x.elementCount() / known;
        }
        if (Arrays.stream(out).reduce(1, (p, d) -> p * d) != x.elementCount() || target.isEmpty() || out[0] != 1
            || x.rank() == 0 || x.dim(0) != 1) {
            throw refuse("reshapes " + x.shape() + " to " + target
                + "; expected the same number of elements and the batch axis kept first");
        }
        return out;
    }

    private long[] concatenation() {
        inputs(1, Integer.MAX_VALUE);
        TfliteTensor first = activation(0);
        int rank = first.rank();
        int axis = ((TfliteOptions.Concatenation) op.options()).axis();
        int a = axis < 0 ? axis + rank : axis;
        if (a <= 0 || a >= rank) {
            throw refuse("concatenates along axis " + axis + " of rank " + rank
                + "; expected an axis other than the batch axis");
        }
        long[] out = shape(first);
        for (int i = 1; i < op.inputs().size(); i++) {
            TfliteTensor t = activation(i);
            boolean fits = t.rank() == rank;
            for (int d = 0; fits && d < rank; d++) {
                fits = d == a || t.dim(d) == first.dim(d);
            }
            if (!fits) {
                throw refuse("concatenates " + first.shape() + " and " + t.shape() + " along axis " + axis);
            }
            out[a] += t.dim(a);
        }
        return out;
    }

    private long[] mean() {
        inputs(2, 2);
        TfliteTensor x = rank(activation(0), 4);
        int[] axes = model.ints(int32(1).index());
        Set<Integer> set = new HashSet<>();
        for (int axis : axes) {
            set.add(axis < 0 ? axis + 4 : axis);
        }
        if (axes.length != 2 || !set.equals(Set.of(1, 2))) {
            throw refuse("averages over axes " + Arrays.toString(axes) + "; only the spatial axes [1, 2] are supported");
        }
        return ((TfliteOptions.Reducer) op.options()).keepDims() ? new long[] {1, 1, 1, x.dim(3)}
            : new long[] {1, x.dim(3)};
    }

    private long[] fullyConnected() {
        inputs(2, 3);
        TfliteTensor x = activation(0);
        TfliteTensor w = rank(weight(1), 2);
        if (x.rank() < 2 || x.dim(0) != 1 || x.elementCount() != w.dim(1)) {
            throw refuse("multiplies an input of " + x.shape() + " by weights " + w.shape()
                + "; expected a batch of 1 with " + w.dim(1) + " values");
        }
        bias(2, w.dim(0));
        return new long[] {1, w.dim(0)};
    }

    private void inputs(int min, int max) {
        int n = op.inputs().size();
        if (n < min || n > max) {
            throw refuse("has " + n + " inputs; expected " + (min == max ? min : min + " to "
                + (max == Integer.MAX_VALUE ? "any number" : max)));
        }
        for (int i = 0; i < n; i++) {
            if (op.input(i) < 0 && !(i == 2 && (op.op() == TfliteOp.CONV_2D || op.op() == TfliteOp.DEPTHWISE_CONV_2D
                || op.op() == TfliteOp.FULLY_CONNECTED))) {
                throw refuse("lacks input " + i);
            }
        }
    }

    /** Input {@code i}, a computed float32 tensor (the graph's input or an earlier op's output). */
    private TfliteTensor activation(int i) {
        TfliteTensor t = model.tensor(op.input(i));
        if (t.dtype() != TfliteDType.FLOAT32 || weight[t.index()] || t.constant()) {
            throw refuse("reads " + describe(t) + " as input " + i + "; expected a computed FLOAT32 tensor");
        }
        return t;
    }

    /** Input {@code i}, fixed float values. */
    private TfliteTensor weight(int i) {
        TfliteTensor t = model.tensor(op.input(i));
        if (t.dtype() != TfliteDType.FLOAT32 || !weight[t.index()]) {
            throw refuse("reads " + describe(t) + " as input " + i
                + "; expected FLOAT32 constants or dequantised FLOAT16 constants");
        }
        return t;
    }

    private TfliteTensor int32(int i) {
        TfliteTensor t = model.tensor(op.input(i));
        if (t.dtype() != TfliteDType.INT32 || !t.constant()) {
            throw refuse("reads " + describe(t) + " as input " + i + "; expected an INT32 constant");
        }
        return t;
    }

    private void bias(int i, int length) {
        if (op.inputs().size() > i && op.input(i) >= 0) {
            TfliteTensor b = weight(i);
            if (!b.shape().equals(List.of(length))) {
                throw refuse("has bias " + b.shape() + "; expected [" + length + "]");
            }
        }
    }

    private TfliteTensor rank(TfliteTensor t, int rank) {
        if (t.rank() != rank || rank == 4 && t.dim(0) != 1 && !weight[t.index()]) {
            throw refuse("reads " + describe(t) + "; expected rank " + rank);
        }
        return t;
    }

    private long window(TflitePadding padding, int in, int kernel, int stride) {
        int out = padding.outputSize(in, kernel, stride);
        if (out < 1) {
            throw refuse("slides a window of " + kernel + " over " + in + " samples with " + padding
                + " padding, which leaves no output");
        }
        return out;
    }

    private static long[] shape(TfliteTensor t) {
        return t.shape().stream().mapToLong(Integer::longValue).toArray();
    }

    private static String describe(TfliteTensor t) {
        return "tensor " + t.label() + " (" + t.dtype() + " " + t.shape() + (t.sparse() ? ", sparse" : "")
            + (t.constant() ? ", constant" : "") + ")";
    }

    private BadInputException refuse(String what) {
        return refusal.because(op.label() + " " + what);
    }
}
