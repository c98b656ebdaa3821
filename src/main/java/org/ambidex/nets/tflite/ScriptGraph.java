package org.ambidex.nets.tflite;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import org.ambidex.io.NdArray;
import org.ambidex.io.tflite.TfliteActivation;
import org.ambidex.io.tflite.TfliteModel;
import org.ambidex.io.tflite.TfliteOperator;
import org.ambidex.io.tflite.TfliteOptions;
import org.ambidex.io.tflite.TfliteTensor;
import org.ambidex.io.torch.ScriptObject;
import org.ambidex.io.torch.TorchScriptWriter;

/**
 * A validated TFLite graph written as one TorchScript module whose convolutions are libtorch's XNNPACK operators
 * ({@code prepacked::conv2d_clamp_run}, weights packed once when the module loads, RELU6 fused), the same library
 * TFLite runs them with. The other ops are ATen calls with the same meaning as {@link KernelFactory}'s kernels:
 * activations are NCHW tensors (in channels-last memory, as XNNPACK writes them), the input arrives NHWC, RESHAPE
 * and FULLY_CONNECTED flatten in NHWC order, outputs leave NHWC. One call runs the whole graph, so no op pays a
 * trip through the JNI, and the interpreter frees each activation after its last use.
 *
 * <p>The source is generated from the graph alone; nothing from the file is executed or pasted into it but
 * numbers (shapes, strides, paddings), and the weights travel as tensors in the archive.
 */
final class ScriptGraph {

    static final String MODULE_CLASS = "__torch__.ambidex.tflite.Graph";
    private static final String CONV_CONTEXT = "__torch__.torch.classes.xnnpack.Conv2dOpContext";
    /** Padding value for max pools: no real activation is below it, as TFLite ignores padded positions. */
    private static final String LOWEST = "-3.4028234663852886e+38";

    /**
     * A convolution over at most this many input channels per group (the first one, over the image's three) pads
     * its input explicitly rather than widening its kernel: XNNPACK's indirect GEMM over so few channels costs per
     * kernel tap, and the widened taps cost more than copying the small input (measured at one thread: palm
     * detection 14.5 -> 10.5 ms, hand landmarks 10.7 -> 8.6 ms; for the other convolutions, depthwise over many
     * channels, padding them all explicitly measured no better).
     */
    private static final int FEW_CHANNELS = 4;

    private final TfliteModel model;
    private final Map<Integer, Integer> dequantised;
    private final List<Object> constants = new ArrayList<>();
    private final StringBuilder body = new StringBuilder();

    private ScriptGraph(TfliteModel model, GraphPlan plan) {
        this.model = model;
        this.dequantised = plan.dequantised;
    }

    /** The TorchScript archive (bytes of a {@code torch.jit.save} file) running {@code model}. */
    static byte[] archive(TfliteModel model) {
        GraphPlan plan = GraphPlan.of(model);
        ScriptGraph graph = new ScriptGraph(model, plan);
        return graph.write(plan);
    }

    private byte[] write(GraphPlan plan) {
        int input = model.inputs().get(0);
        line("b = torch.size(x, 0)");
        line(name(input) + " = torch.permute(x, [0, 3, 1, 2])");
        for (int s = 0; s < plan.ops.size(); s++) {
            emit(plan.ops.get(s), plan.reads.get(s), plan.paddedBy[s]);
        }
        StringJoiner results = new StringJoiner(", ", "(", model.outputs().size() == 1 ? ",)" : ")");
        StringJoiner types = new StringJoiner(", ", "Tuple[", "]");
        for (int k = 0; k < model.outputs().size(); k++) {
            int o = model.outputs().get(k);
            String value = name(o);
            if (model.tensor(o).rank() == 4) {
                line("out" + k + " = torch.contiguous(torch.permute(" + value + ", [0, 2, 3, 1]))");
                value = "out" + k;
            }
            results.add(value);
            types.add("Tensor");
        }
        line("return " + results);
        String simpleName = MODULE_CLASS.substring(MODULE_CLASS.lastIndexOf('.') + 1);
        String source = "class " + simpleName + "(Module):\n"
            + "  __parameters__ = []\n"
            + "  __buffers__ = []\n"
            + "  training : bool\n"
            + "  def forward(self: " + MODULE_CLASS + ",\n"
            + "    x: Tensor) -> " + types + ":\n"
            + body;
        return TorchScriptWriter.archive(MODULE_CLASS, source, constants);
    }

    private void emit(TfliteOperator op, int[] reads, TfliteOperator pad) {
        String out = name(op.output(0));
        String x = reads.length > 0 ? name(reads[0]) : null;
        switch (op.op()) {
            case CONV_2D, DEPTHWISE_CONV_2D -> conv(op, x, out, pad);
            case ADD -> activation(out, "torch.add(" + x + ", " + name(reads[1]) + ")",
                ((TfliteOptions.Add) op.options()).activation());
            case PRELU -> prelu(op, x, out);
            case MAX_POOL_2D -> maxPool(op, x, out);
            case PAD -> {
                int[] p = model.ints(op.input(1));
                line(out + " = torch.constant_pad_nd(" + x + ", " + ints(p[4], p[5], p[2], p[3], p[6], p[7]) + ", 0.)");
            }
            case RESIZE_BILINEAR -> {
                int[] size = model.ints(op.input(1));
                // align_corners=False is TFLite's half_pixel_centers=True (validated), as in KernelFactory.
                line(out + " = torch.upsample_bilinear2d(" + x + ", " + ints(size[0], size[1]) + ", False, None, None)");
            }
            case RESHAPE -> reshape(op, x, out);
            case DEPTH_TO_SPACE -> depthToSpace(op, x, out);
            case CONCATENATION -> {
                TfliteOptions.Concatenation o = (TfliteOptions.Concatenation) op.options();
                StringJoiner parts = new StringJoiner(", ", "[", "]");
                for (int r : reads) {
                    parts.add(name(r));
                }
                int axis = NhwcLayout.axis(o.axis(), model.tensor(op.input(0)).rank());
                activation(out, "torch.cat(" + parts + ", " + axis + ")", o.activation());
            }
            case MEAN -> {
                boolean keep = ((TfliteOptions.Reducer) op.options()).keepDims();
                line(out + " = torch.mean(" + x + ", [2, 3], " + (keep ? "True" : "False") + ")");
            }
            case FULLY_CONNECTED -> fullyConnected(op, x, out);
            case LOGISTIC -> line(out + " = torch.sigmoid(" + x + ")");
            case RELU6 -> line(out + " = torch.clamp(" + x + ", 0., 6.)");
            case DEQUANTIZE, DENSIFY -> throw new IllegalArgumentException(op.op() + " is folded into the weights");
        }
    }

    private void conv(TfliteOperator op, String x, String out, TfliteOperator pad) {
        Convolution c = Convolution.of(model, op, pad, this::weights);
        if (c.perGroup() > FEW_CHANNELS) {
            // As ConvKernel: zero rows and columns in front of the kernel make TFLite's uneven padding symmetric.
            c = c.widened();
        }
        WindowPadding padding = c.padding();
        if (!padding.symmetric()) {
            line(out + "_padded = torch.constant_pad_nd(" + x + ", "
                + ints(padding.left(), padding.right(), padding.top(), padding.bottom()) + ", 0.)");
            x = out + "_padded";
            padding = new WindowPadding(0, 0, 0, 0);
        }
        boolean relu6 = c.activation() == TfliteActivation.RELU6;
        ScriptObject context = new ScriptObject(CONV_CONTEXT, Arrays.asList(NdArray.ofFloats(c.weightShape(), c.weight()),
            c.bias() == null ? null : NdArray.ofFloats(new int[] {c.out()}, c.bias()), new long[] {c.strideH(), c.strideW()},
            new long[] {padding.top(), padding.left()}, new long[] {1, 1}, (long) c.groups(), relu6 ? 0.0 : null,
            relu6 ? 6.0 : null));
        line(out + " = ops.prepacked.conv2d_clamp_run(" + x + ", " + constant(context) + ")");
    }

    private void prelu(TfliteOperator op, String x, String out) {
        float[] alpha = weights(op.input(1));
        String a = constant(NdArray.ofFloats(new int[] {alpha.length}, alpha));
        if (model.tensor(op.input(0)).rank() == 4) {
            // One alpha per channel, axis 1 of an NCHW activation: PyTorch's prelu.
            line(out + " = torch.prelu(" + x + ", " + a + ")");
        } else {
            line(out + " = torch.where(torch.ge(" + x + ", 0.), " + x + ", torch.mul(" + x + ", " + a + "))");
        }
    }

    private void maxPool(TfliteOperator op, String x, String out) {
        TfliteTensor in = model.tensor(op.input(0));
        TfliteOptions.Pool2D o = (TfliteOptions.Pool2D) op.options();
        WindowPadding padding = WindowPadding.of(o.padding(), in.dim(1), in.dim(2), o.filterH(), o.filterW(),
            o.strideH(), o.strideW());
        if (!padding.symmetric()) {
            line(out + "_padded = torch.constant_pad_nd(" + x + ", "
                + ints(padding.left(), padding.right(), padding.top(), padding.bottom()) + ", " + LOWEST + ")");
            x = out + "_padded";
            padding = new WindowPadding(0, 0, 0, 0);
        }
        activation(out, "torch.max_pool2d(" + x + ", " + ints(o.filterH(), o.filterW()) + ", "
            + ints(o.strideH(), o.strideW()) + ", " + ints(padding.top(), padding.left()) + ", [1, 1], False)",
            o.activation());
    }

    private void reshape(TfliteOperator op, String x, String out) {
        TfliteTensor in = model.tensor(op.input(0));
        TfliteTensor result = model.tensor(op.output(0));
        // The file's reshape flattens NHWC memory (rows of anchors line up only so).
        String flat = in.rank() == 4 ? "torch.permute(" + x + ", [0, 2, 3, 1])" : x;
        String shaped = "torch.reshape(" + flat + ", " + batchShape(result.shapeArray()) + ")";
        line(out + " = " + (result.rank() == 4 ? "torch.permute(" + shaped + ", [0, 3, 1, 2])" : shaped));
    }

    private void depthToSpace(TfliteOperator op, String x, String out) {
        int block = ((TfliteOptions.DepthToSpace) op.options()).blockSize();
        TfliteTensor in = model.tensor(op.input(0));
        int h = in.dim(1);
        int w = in.dim(2);
        int c = in.dim(3) / (block * block);
        // As KernelFactory: block row and column are the outer channel digits (not pixel_shuffle's inner ones).
        line(out + " = torch.reshape(torch.permute(torch.reshape(" + x + ", [b, " + block + ", " + block + ", " + c
            + ", " + h + ", " + w + "]), [0, 3, 4, 1, 5, 2]), [b, " + c + ", " + h * block + ", " + w * block + "])");
    }

    private void fullyConnected(TfliteOperator op, String x, String out) {
        TfliteTensor w = model.tensor(op.input(1));
        String weight = constant(NdArray.ofFloats(new int[] {w.dim(0), w.dim(1)}, weights(w.index())));
        String bias = op.inputs().size() > 2 && op.input(2) >= 0
            ? constant(NdArray.ofFloats(new int[] {w.dim(0)}, weights(op.input(2)))) : "None";
        String flat = model.tensor(op.input(0)).rank() == 4 ? "torch.permute(" + x + ", [0, 2, 3, 1])" : x;
        activation(out, "torch.linear(torch.reshape(" + flat + ", [b, " + w.dim(1) + "]), " + weight + ", " + bias
            + ")", ((TfliteOptions.FullyConnected) op.options()).activation());
    }

    private void activation(String out, String expression, TfliteActivation activation) {
        line(out + " = " + (activation == TfliteActivation.RELU6 ? "torch.clamp(" + expression + ", 0., 6.)"
            : expression));
    }

    private String constant(Object value) {
        constants.add(value);
        return "CONSTANTS.c" + (constants.size() - 1);
    }

    private float[] weights(int tensor) {
        Integer source = dequantised.get(tensor);
        return model.floats(source == null ? tensor : source);
    }

    private void line(String code) {
        body.append("    ").append(code).append('\n');
    }

    private static String name(int tensor) {
        return "t" + tensor;
    }

    private static String batchShape(int[] shape) {
        StringJoiner dims = new StringJoiner(", ", "[", "]");
        dims.add("b");
        for (int a = 1; a < shape.length; a++) {
            dims.add(Integer.toString(shape[a]));
        }
        return dims.toString();
    }

    private static String ints(int... values) {
        StringJoiner list = new StringJoiner(", ", "[", "]");
        for (int v : values) {
            list.add(String.format(Locale.ROOT, "%d", v));
        }
        return list.toString();
    }
}
