package org.ambidex.nets;

import ai.djl.Device;
import ai.djl.engine.EngineException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.ambidex.io.torch.TorchScriptWriter;
import org.slf4j.LoggerFactory;

/**
 * A convolution for prediction whose weight oneDNN has reordered once into its own blocked layout, run by
 * libtorch's {@code mkldnn::_convolution_pointwise}. The result equals the plain convolution up to float32 rounding
 * (both are oneDNN's; they may pick different kernels: within 4e-6 of values of about 1 in the measurements).
 *
 * <p>Why: libtorch runs a convolution with a kernel larger than 1 x 1 through oneDNN, which reorders the dense
 * weight into its blocked layout on every call. Where the weight outweighs the input that reordering is most of the
 * call: DIR's attention convolutions (3 x 3, 2048 to 1024 channels on 8 x 8 maps: 19 M weights for 131 K inputs)
 * took 77 ms at one thread and 24 ms prepacked, ResNet-50's 3 x 3 convolutions on its 8 x 8 maps 4.8 and 2.8 ms.
 * Where it does not, prepacking measured no better or slower (2560 to 256 channels on 32 x 32 maps: 112 against
 * 122 ms; 128 to 128 on 32 x 32: 2.8 against 3.1 ms), and 1 x 1 convolutions go through a matrix product rather
 * than oneDNN at batch 1 and one thread (prepacked: slower). Hence {@link #worthPacking}: kernels larger than 1 x 1
 * whose weight has at least {@value #MIN_WEIGHT_PER_INPUT} times the elements of one image's input. At a batch of
 * 8 the packed ones measured as fast or faster (2048 to 1024: 200 against 163 ms). On inputs in channels-last memory
 * prepacking measured faster at every ResNet-50 size, so the folded {@link ResNet} predicts in that layout with every
 * convolution prepacked ({@link #channelsLast}, {@link #rowMajor}).
 *
 * <p>The two tiny TorchScript modules (reorder, convolve) are written from numbers alone and loaded from memory, as
 * {@link org.ambidex.io.torch.TorchScriptWriter} does for the MediaPipe graphs. A libtorch without oneDNN refuses
 * the reorder; {@link #pack} then answers {@code null} and callers keep the plain convolution.
 */
final class PrepackedConvolution implements AutoCloseable {

    /** Weight elements per element of one image's input from which a convolution is prepacked. */
    static final int MIN_WEIGHT_PER_INPUT = 4;

    private static final String MODULE_CLASS = "__torch__.ambidex.conv.Script";
    /** The modules that convolve (by stride and padding) or change layouts, in a manager living as long as the process. */
    private static final Map<String, PtSymbolBlock> SCRIPTS = new ConcurrentHashMap<>();
    private static volatile NDManager scripts;
    private static volatile boolean unsupported;

    private final NDArray packed;
    private final NDArray bias;
    private final PtSymbolBlock convolver;
    private final ParameterStore store;

    private PrepackedConvolution(NDArray packed, NDArray bias, PtSymbolBlock convolver) {
        this.packed = packed;
        this.bias = bias;
        this.convolver = convolver;
        this.store = new ParameterStore(packed.getManager(), false);
    }

    /**
     * Whether a convolution of {@code weight (out, in, k, k)} on inputs {@code (B, in, H, W)} is worth prepacking.
     */
    static boolean worthPacking(Shape weight, Shape input) {
        if (unsupported || weight.get(2) * weight.get(3) <= 1) {
            return false;
        }
        long perImage = input.size() / input.get(0);
        return weight.size() >= MIN_WEIGHT_PER_INPUT * perImage;
    }

    /**
     * The prepacked convolution of {@code weight (out, in, k, k)} and {@code bias (out)}, both kept on their
     * manager (the packed weight is made there too), stride and padding equal on both axes; {@code input} is a
     * shape of the inputs to come (oneDNN chooses its layout for it; others still run). {@code null} when this
     * libtorch has no oneDNN.
     */
    static PrepackedConvolution pack(NDArray weight, NDArray bias, int stride, int padding, Shape input) {
        if (unsupported) {
            return null;
        }
        NDManager manager = weight.getManager();
        String pad = pair(padding);
        String source = body("w: Tensor", "    return ops.aten.mkldnn_reorder_conv2d_weight(torch.to_mkldnn(w), "
            + pad + ", " + pair(stride) + ", [1, 1], 1, [" + input.get(0) + ", " + input.get(1) + ", " + input.get(2)
            + ", " + input.get(3) + "])\n");
        NDArray packed;
        try (NDScope ignored = new NDScope(); NDManager local = manager.newSubManager()) {
            PtSymbolBlock reorder = load(local, source);
            packed = reorder.forward(new ParameterStore(local, false), new NDList(weight), false).singletonOrThrow();
            NDScope.unregister(packed);
            packed.attach(manager);
        } catch (EngineException e) {
            // no oneDNN in this libtorch: the plain convolution it is, for every layer from now on
            unsupported = true;
            LoggerFactory.getLogger(PrepackedConvolution.class).info("convolutions run unpacked: this libtorch did not"
                + " reorder a weight for oneDNN ({})", String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
            return null;
        }
        return new PrepackedConvolution(packed, bias, convolver(stride, padding));
    }

    /** Whether {@code x} is in the CPU's memory: oneDNN's layouts are CPU ones (a GPU runs cuDNN's convolutions). */
    static boolean onCpu(NDArray x) {
        return x.getDevice().getDeviceType().equals(Device.Type.CPU);
    }

    /** Whether this libtorch prepacks (has oneDNN); known for sure once a first {@link #pack} was tried. */
    static boolean supported() {
        return !unsupported;
    }

    /**
     * {@code x (B, C, H, W)} in channels-last memory (NHWC order, the same logical array), the layout in which
     * oneDNN convolves without reordering its input; an array already so stays as it is.
     */
    static NDArray channelsLast(NDArray x) {
        // 2: TorchScript's number for torch.channels_last
        return script("layout/last", "x: Tensor", "    return torch.contiguous(x, memory_format=2)\n").forward(
            new ParameterStore(x.getManager(), false), new NDList(x), false).singletonOrThrow();
    }

    /** {@code x} in row-major (NCHW) memory, as every other layer expects it. */
    static NDArray rowMajor(NDArray x) {
        return script("layout/rows", "x: Tensor", "    return torch.contiguous(x)\n").forward(
            new ParameterStore(x.getManager(), false), new NDList(x), false).singletonOrThrow();
    }

    /** The convolution of {@code x (B, in, H, W)}. */
    NDArray apply(NDArray x) {
        return convolver.forward(store, new NDList(x, packed, bias), false).singletonOrThrow();
    }

    @Override
    public void close() {
        packed.close();
    }

    private static PtSymbolBlock convolver(int stride, int padding) {
        return script("conv/" + stride + "/" + padding, "x: Tensor,\n    w: Tensor,\n    b: Tensor",
            "    return ops.mkldnn._convolution_pointwise(x, w, b, " + pair(padding) + ", " + pair(stride)
                + ", [1, 1], 1, \"none\", [], None)\n");
    }

    private static PtSymbolBlock script(String key, String parameters, String code) {
        return SCRIPTS.computeIfAbsent(key, k -> load(scriptManager(), body(parameters, code)));
    }

    private static NDManager scriptManager() {
        if (scripts == null) {
            synchronized (PrepackedConvolution.class) {
                if (scripts == null) {
                    scripts = NDManager.newBaseManager("PyTorch");
                }
            }
        }
        return scripts;
    }

    private static String body(String parameters, String code) {
        return "class Script(Module):\n  __parameters__ = []\n  __buffers__ = []\n  training : bool\n"
            + "  def forward(self: " + MODULE_CLASS + ",\n    " + parameters + ") -> Tensor:\n" + code;
    }

    private static PtSymbolBlock load(NDManager manager, String source) {
        byte[] archive = TorchScriptWriter.archive(MODULE_CLASS, source, List.of());
        try {
            return JniUtils.loadModule((PtNDManager) manager, new ByteArrayInputStream(archive), false, false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String pair(int value) {
        return "[" + value + ", " + value + "]";
    }
}
