package org.ambidex.io.tflite;

import java.util.stream.IntStream;
import org.ambidex.core.BadInputException;

/**
 * Reads and checks the builtin options of one op (field ids from TFLite's schema.fbs). A value the interpreter
 * does not implement (a dilation, a depth multiplier, a fused TANH, aligned corners) is refused with its name.
 */
final class OptionsReader {

    // BuiltinOptions union type codes of schema.fbs (position in the union, NONE = 0).
    private static final int CONV_2D_OPTIONS = 1;
    private static final int DEPTHWISE_CONV_2D_OPTIONS = 2;
    private static final int POOL_2D_OPTIONS = 5;
    private static final int FULLY_CONNECTED_OPTIONS = 8;
    private static final int CONCATENATION_OPTIONS = 10;
    private static final int ADD_OPTIONS = 11;
    private static final int RESIZE_BILINEAR_OPTIONS = 15;
    private static final int RESHAPE_OPTIONS = 17;
    private static final int PAD_OPTIONS = 22;
    private static final int REDUCER_OPTIONS = 27;
    private static final int DEQUANTIZE_OPTIONS = 38;
    private static final int DEPTH_TO_SPACE_OPTIONS = 94;
    private static final int DENSIFY_OPTIONS = 99;

    private static final String[] ACTIVATIONS = {"NONE", "RELU", "RELU_N1_TO_1", "RELU6", "TANH", "SIGN_BIT"};

    private final FlatBuffer fb;
    private final String label;

    private OptionsReader(FlatBuffer fb, String label) {
        this.fb = fb;
        this.label = label;
    }

    /**
     * The options of an op of kind {@code op}, whose union type is {@code type} and table {@code table} (null when
     * absent); {@code label} names the op in messages.
     */
    static TfliteOptions read(FlatBuffer fb, TfliteOp op, int type, FlatBuffer.Table table, String label) {
        return new OptionsReader(fb, label).read(op, type, table);
    }

    private TfliteOptions read(TfliteOp op, int type, FlatBuffer.Table t) {
        return switch (op) {
            case CONV_2D -> {
                FlatBuffer.Table o = required(t, type, CONV_2D_OPTIONS, "Conv2DOptions");
                dilation(o.i32(4, 1), o.i32(5, 1));
                yield new TfliteOptions.Conv2D(padding(o.i8(0, 0)), stride(o.i32(2, 0)), stride(o.i32(1, 0)),
                    activation(o.i8(3, 0)));
            }
            case DEPTHWISE_CONV_2D -> {
                FlatBuffer.Table o = required(t, type, DEPTHWISE_CONV_2D_OPTIONS, "DepthwiseConv2DOptions");
                int multiplier = o.i32(3, 0);
                if (multiplier != 1) {
                    throw refuse("has depth_multiplier " + multiplier + "; only 1 is supported");
                }
                dilation(o.i32(5, 1), o.i32(6, 1));
                yield new TfliteOptions.DepthwiseConv2D(padding(o.i8(0, 0)), stride(o.i32(2, 0)),
                    stride(o.i32(1, 0)), activation(o.i8(4, 0)));
            }
            case MAX_POOL_2D -> {
                FlatBuffer.Table o = required(t, type, POOL_2D_OPTIONS, "Pool2DOptions");
                yield new TfliteOptions.Pool2D(padding(o.i8(0, 0)), stride(o.i32(2, 0)), stride(o.i32(1, 0)),
                    window(o.i32(4, 0)), window(o.i32(3, 0)), activation(o.i8(5, 0)));
            }
            case FULLY_CONNECTED -> {
                FlatBuffer.Table o = optional(t, type, FULLY_CONNECTED_OPTIONS, "FullyConnectedOptions");
                if (o != null && o.i8(1, 0) != 0) {
                    throw refuse("has a shuffled weights_format; only the default layout is supported");
                }
                if (o != null && o.bool(2, false)) {
                    throw refuse("has keep_num_dims; only a rank-2 output is supported");
                }
                yield new TfliteOptions.FullyConnected(activation(o == null ? 0 : o.i8(0, 0)));
            }
            case CONCATENATION -> {
                FlatBuffer.Table o = optional(t, type, CONCATENATION_OPTIONS, "ConcatenationOptions");
                yield new TfliteOptions.Concatenation(o == null ? 0 : o.i32(0, 0),
                    activation(o == null ? 0 : o.i8(1, 0)));
            }
            case ADD -> {
                FlatBuffer.Table o = optional(t, type, ADD_OPTIONS, "AddOptions");
                yield new TfliteOptions.Add(activation(o == null ? 0 : o.i8(0, 0)));
            }
            case DEPTH_TO_SPACE -> {
                int block = required(t, type, DEPTH_TO_SPACE_OPTIONS, "DepthToSpaceOptions").i32(0, 0);
                if (block < 1) {
                    throw refuse("has block size " + block + "; expected at least 1");
                }
                yield new TfliteOptions.DepthToSpace(block);
            }
            case RESIZE_BILINEAR -> {
                FlatBuffer.Table o = optional(t, type, RESIZE_BILINEAR_OPTIONS, "ResizeBilinearOptions");
                boolean align = o != null && o.bool(2, false);
                boolean halfPixel = o != null && o.bool(3, false);
                if (align || !halfPixel) {
                    throw refuse("has align_corners=" + align + ", half_pixel_centers=" + halfPixel
                        + "; only align_corners=false, half_pixel_centers=true is supported");
                }
                yield new TfliteOptions.ResizeBilinear(false, true);
            }
            case RESHAPE -> {
                FlatBuffer.Table o = optional(t, type, RESHAPE_OPTIONS, "ReshapeOptions");
                int[] shape = o == null ? new int[0] : o.ints(0, "new_shape");
                yield new TfliteOptions.Reshape(IntStream.of(shape).boxed().toList());
            }
            case MEAN -> {
                FlatBuffer.Table o = optional(t, type, REDUCER_OPTIONS, "ReducerOptions");
                yield new TfliteOptions.Reducer(o != null && o.bool(0, false));
            }
            case PAD -> none(t, type, PAD_OPTIONS, "PadOptions");
            case DEQUANTIZE -> none(t, type, DEQUANTIZE_OPTIONS, "DequantizeOptions");
            case DENSIFY -> none(t, type, DENSIFY_OPTIONS, "DensifyOptions");
            case PRELU, LOGISTIC, RELU6 -> none(t, type, 0, "no options");
        };
    }

    private FlatBuffer.Table required(FlatBuffer.Table t, int type, int expected, String name) {
        FlatBuffer.Table o = optional(t, type, expected, name);
        if (o == null) {
            throw refuse("has no " + name);
        }
        return o;
    }

    private FlatBuffer.Table optional(FlatBuffer.Table t, int type, int expected, String name) {
        if (type != 0 && type != expected) {
            throw refuse("has builtin options of union type " + type + "; expected " + name + " (" + expected + ")");
        }
        return type == 0 ? null : t;
    }

    private TfliteOptions none(FlatBuffer.Table t, int type, int allowed, String name) {
        optional(t, type, allowed == 0 ? -1 : allowed, name);
        return new TfliteOptions.None();
    }

    private TflitePadding padding(int code) {
        return switch (code) {
            case 0 -> TflitePadding.SAME;
            case 1 -> TflitePadding.VALID;
            default -> throw refuse("has padding code " + code + "; expected SAME (0) or VALID (1)");
        };
    }

    private int stride(int stride) {
        if (stride < 1 || stride > 1024) {
            throw refuse("has stride " + stride + "; expected 1 to 1024");
        }
        return stride;
    }

    private int window(int size) {
        if (size < 1 || size > 1024) {
            throw refuse("has a pooling window of " + size + "; expected 1 to 1024");
        }
        return size;
    }

    private void dilation(int w, int h) {
        if (w != 1 || h != 1) {
            throw refuse("has dilation " + h + "x" + w + "; only 1 is supported");
        }
    }

    private TfliteActivation activation(int code) {
        return switch (code) {
            case 0 -> TfliteActivation.NONE;
            case 3 -> TfliteActivation.RELU6;
            default -> throw refuse("has fused activation "
                + (code >= 0 && code < ACTIVATIONS.length ? ACTIVATIONS[code] : "code " + code)
                + "; only NONE and RELU6 are supported");
        };
    }

    private BadInputException refuse(String what) {
        return fb.refusal().because(label + " " + what);
    }
}
