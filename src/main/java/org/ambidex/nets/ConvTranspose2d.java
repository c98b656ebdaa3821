package org.ambidex.nets;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * {@code torch.nn.ConvTranspose2d} (square kernel, equal stride and padding on both axes, no output padding,
 * dilation or groups) with PyTorch's weight layout {@code (in, out, kH, kW)} and optional {@code bias (out)}.
 *
 * <p>DJL's PyTorch engine has no transposed convolution, so this computes it as PyTorch's own CPU kernel does: one
 * matrix product {@code columns = W^T x} ({@code (out k k, in)} by {@code (in, H W)}, the weight used as stored),
 * then "col2im", the columns added into the output. Output pixel {@code (s i + a, s j + b)} receives column
 * {@code (kh, kw)} at input pixel {@code (i - dh, j - dw)} for the taps {@code kh = a + p + s dh} (likewise for
 * {@code kw}), so each of the {@code s x s} output phases {@code (a, b)} is a sum of shifted slices of the columns,
 * added in increasing {@code (kh, kw)} as PyTorch's col2im adds them; the phases are then interleaved. Autograd
 * differentiates it as any other product, slice and sum. (An earlier version made each phase an ordinary
 * convolution with a sub-kernel cut out of the weight on every call: 8 times slower than PyTorch.)
 */
public final class ConvTranspose2d extends TorchModule {

    private final int inChannels;
    private final int outChannels;
    private final int kernel;
    private final int stride;
    private final int padding;
    private final Parameter weight;
    private final Parameter bias;

    public ConvTranspose2d(int inChannels, int outChannels, int kernel, int stride, int padding, boolean bias) {
        if (kernel < stride) {
            throw new IllegalArgumentException("kernel " + kernel + " smaller than stride " + stride);
        }
        this.inChannels = inChannels;
        this.outChannels = outChannels;
        this.kernel = kernel;
        this.stride = stride;
        this.padding = padding;
        this.weight = parameter("weight", Parameter.Type.WEIGHT, 0f, true, inChannels, outChannels, kernel, kernel);
        this.bias = bias ? parameter("bias", Parameter.Type.BIAS, 0f, true, outChannels) : null;
    }

    /** Output size along one axis for input size {@code in}: {@code (in - 1) s - 2 p + k}. */
    public int outputSize(int in) {
        return (in - 1) * stride - 2 * padding + kernel;
    }

    /** The taps {@code k} (ascending) feeding output phase {@code a} on one axis, and their input shifts. */
    private int[] taps(int a) {
        int first = Math.floorMod(a + padding, stride);
        int n = first >= kernel ? 0 : (kernel - 1 - first) / stride + 1;
        int[] k = new int[n];
        for (int u = 0; u < n; u++) {
            k[u] = first + stride * u;
        }
        return k;
    }

    /** Input shift {@code d} of tap {@code k} for phase {@code a}: output {@code s i + a} reads input {@code i - d}. */
    private int shift(int k, int a) {
        return Math.floorDiv(k - a - padding, stride);
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        NDArray w = store.getValue(weight, x.getDevice(), training);
        NDArray b = bias == null ? null : store.getValue(bias, x.getDevice(), training);
        long batch = x.getShape().get(0);
        int h = Math.toIntExact(x.getShape().get(2));
        int wd = Math.toIntExact(x.getShape().get(3));
        int outH = outputSize(h);
        int outW = outputSize(wd);
        if (outH % stride != 0 || outW % stride != 0) {
            throw new UnsupportedOperationException("output size " + outH + "x" + outW + " is not a multiple of the "
                + "stride " + stride);
        }
        int nh = outH / stride;
        int nw = outW / stride;
        // columns (out, k, k, B, H, W) = W^T (out k k, in) times x (in, B H W): one product with the weight as
        // stored (the transpose is the product's flag, not a copy), as PyTorch's own kernel does per image
        NDArray columns = w.reshape(inChannels, (long) outChannels * kernel * kernel).transpose(1, 0)
            .matMul(x.transpose(1, 0, 2, 3).reshape(inChannels, batch * h * wd))
            .reshape(outChannels, kernel, kernel, batch, h, wd);
        NDList rows = new NDList(stride);
        for (int a = 0; a < stride; a++) {
            NDList phases = new NDList(stride);
            for (int c = 0; c < stride; c++) {
                phases.add(phase(columns, a, c, batch, h, wd, nh, nw));
            }
            rows.add(NDArrays.stack(phases, 4)); // (B, out, nh, nw, s)
        }
        NDArray y = NDArrays.stack(rows, 3).reshape(batch, outChannels, outH, outW); // (B, out, nh, s, nw, s)
        return new NDList(b == null ? y : y.add(b.reshape(1, outChannels, 1, 1)));
    }

    /**
     * Output phase {@code (a, c)}: {@code (B, out, nh, nw)}, the sum over its taps of the columns shifted by the
     * taps' input offsets (added into zeros where each shifted slice lands, so nothing is padded or copied whole).
     */
    private NDArray phase(NDArray columns, int a, int c, long batch, int h, int wd, int nh, int nw) {
        NDArray out = null;
        for (int kh : taps(a)) {
            int dh = shift(kh, a);
            int i0 = Math.max(0, dh);                // output rows i with 0 <= i - dh < h
            int i1 = Math.min(nh, h + dh);
            for (int kw : taps(c)) {
                int dw = shift(kw, c);
                int j0 = Math.max(0, dw);
                int j1 = Math.min(nw, wd + dw);
                if (i0 >= i1 || j0 >= j1) {
                    continue;
                }
                NDArray slab = columns.get(":, " + kh + ", " + kw + ", :, " + (i0 - dh) + ":" + (i1 - dh) + ", "
                    + (j0 - dw) + ":" + (j1 - dw)).transpose(1, 0, 2, 3);
                if (out == null && i0 == 0 && j0 == 0 && i1 == nh && j1 == nw) {
                    out = slab.add(0f); // a fresh array: later taps are added into it in place
                    continue;
                }
                if (out == null) {
                    out = columns.getManager().zeros(new Shape(batch, outChannels, nh, nw), columns.getDataType());
                }
                out.get(":, :, " + i0 + ":" + i1 + ", " + j0 + ":" + j1).addi(slab);
            }
        }
        return out != null ? out
            : columns.getManager().zeros(new Shape(batch, outChannels, nh, nw), columns.getDataType());
    }

    @Override
    public String toString() {
        return "ConvTranspose2d(" + inChannels + ", " + outChannels + ", k=" + kernel + ", s=" + stride + ", p="
            + padding + ")";
    }
}
