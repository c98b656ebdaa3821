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
 * <p>DJL's PyTorch engine has no transposed convolution, so this computes it exactly as a sum of ordinary
 * convolutions: output pixel {@code (s i + a, s j + b)} receives input pixel {@code (m, n)} through kernel tap
 * {@code (s i + a + p - s m, s j + b + p - s n)}, so each of the {@code s x s} output phases {@code (a, b)} is an
 * ordinary convolution of the input with a sub-kernel of the taps {@code k = s t + ((a + p) mod s)} in reverse
 * order. The phases are then interleaved. This does the same multiplications as the transposed convolution
 * itself (no zero-stuffed input), and autograd differentiates it as any other convolution.
 */
public final class ConvTranspose2d extends TorchModule {

    private final int inChannels;
    private final int outChannels;
    private final int kernel;
    private final int stride;
    private final int padding;
    private final Parameter weight;
    private final Parameter bias;
    private final Phase[] phases;

    /** One axis' phase {@code a}: the kernel taps (conv order) and where its input window starts. */
    private record Phase(int[] taps, int padLeft) {
    }

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
        this.phases = new Phase[stride];
        for (int a = 0; a < stride; a++) {
            int e = Math.floorMod(a + padding, stride);
            int d = Math.floorDiv(a + padding, stride);
            int taps = (kernel - e + stride - 1) / stride;
            int[] k = new int[taps];
            for (int u = 0; u < taps; u++) {
                k[u] = stride * (taps - 1 - u) + e;
            }
            phases[a] = new Phase(k, taps - 1 - d);
        }
    }

    /** Output size along one axis for input size {@code in}: {@code (in - 1) s - 2 p + k}. */
    public int outputSize(int in) {
        return (in - 1) * stride - 2 * padding + kernel;
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        NDArray w = store.getValue(weight, x.getDevice(), training);
        NDArray b = bias == null ? null : store.getValue(bias, x.getDevice(), training);
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
        // Pad once for all phases, then each phase reads its window.
        int padL = 0;
        int padR = 0;
        for (Phase p : phases) {
            padL = Math.max(padL, p.padLeft());
        }
        for (Phase p : phases) {
            padR = Math.max(padR, nh + p.taps().length - 1 - p.padLeft() - h);
            padR = Math.max(padR, nw + p.taps().length - 1 - p.padLeft() - wd);
        }
        NDArray padded = padL == 0 && padR == 0 ? x : x.pad(new Shape(padL, padR, padL, padR), 0);
        NDList rows = new NDList(stride);
        for (int a = 0; a < stride; a++) {
            Phase pa = phases[a];
            NDList cols = new NDList(stride);
            for (int bb = 0; bb < stride; bb++) {
                Phase pb = phases[bb];
                int top = padL - pa.padLeft();
                int left = padL - pb.padLeft();
                NDArray window = padded.get(":, :, " + top + ":" + (top + nh + pa.taps().length - 1) + ", " + left
                    + ":" + (left + nw + pb.taps().length - 1));
                NDArray sub = subKernel(w, pa.taps(), pb.taps());
                cols.add(x.getNDArrayInternal().convolution(window, sub, b, new Shape(1, 1), new Shape(0, 0),
                    new Shape(1, 1), 1).singletonOrThrow());
            }
            rows.add(NDArrays.stack(cols, 4));
        }
        NDArray y = NDArrays.stack(rows, 3);
        long batch = x.getShape().get(0);
        return new NDList(y.reshape(batch, outChannels, outH, outW));
    }

    /** {@code (out, in, len(rows), len(cols))} taken from the {@code (in, out, k, k)} weight. */
    private static NDArray subKernel(NDArray w, int[] rows, int[] cols) {
        NDList r = new NDList(rows.length);
        for (int kh : rows) {
            NDList c = new NDList(cols.length);
            for (int kw : cols) {
                c.add(w.get(":, :, " + kh + ", " + kw));
            }
            r.add(NDArrays.stack(c, 2));
        }
        return NDArrays.stack(r, 2).transpose(1, 0, 2, 3);
    }

    @Override
    public String toString() {
        return "ConvTranspose2d(" + inChannels + ", " + outChannels + ", k=" + kernel + ", s=" + stride + ", p="
            + padding + ")";
    }
}
