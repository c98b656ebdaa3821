package org.ambidex.io.tflite;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The TFLite builtin ops that pass validation, by their {@code BuiltinOperator} code: the ops of MediaPipe's palm
 * detection and hand landmark networks (docs: MEDIAPIPE.md of the shared docs), plus the standalone RELU6 and
 * DENSIFY (which expands a sparse constant) and DEPTH_TO_SPACE, which MediaPipe Pose's detector has.
 * {@link #nameOf(int)} names any builtin code, so that a refusal can say which op a file used.
 */
public enum TfliteOp {
    ADD(0),
    CONCATENATION(2),
    CONV_2D(3),
    DEPTHWISE_CONV_2D(4),
    DEPTH_TO_SPACE(5),
    DEQUANTIZE(6),
    FULLY_CONNECTED(9),
    LOGISTIC(14),
    MAX_POOL_2D(17),
    RELU6(21),
    RESHAPE(22),
    RESIZE_BILINEAR(23),
    PAD(34),
    MEAN(40),
    PRELU(54),
    DENSIFY(124);

    /** TFLite's builtin op names by code, 0 to 161 (schema.fbs {@code BuiltinOperator}). */
    private static final String[] NAMES = ("ADD AVERAGE_POOL_2D CONCATENATION CONV_2D DEPTHWISE_CONV_2D DEPTH_TO_SPACE"
        + " DEQUANTIZE EMBEDDING_LOOKUP FLOOR FULLY_CONNECTED HASHTABLE_LOOKUP L2_NORMALIZATION L2_POOL_2D"
        + " LOCAL_RESPONSE_NORMALIZATION LOGISTIC LSH_PROJECTION LSTM MAX_POOL_2D MUL RELU RELU_N1_TO_1 RELU6 RESHAPE"
        + " RESIZE_BILINEAR RNN SOFTMAX SPACE_TO_DEPTH SVDF TANH CONCAT_EMBEDDINGS SKIP_GRAM CALL CUSTOM"
        + " EMBEDDING_LOOKUP_SPARSE PAD UNIDIRECTIONAL_SEQUENCE_RNN GATHER BATCH_TO_SPACE_ND SPACE_TO_BATCH_ND"
        + " TRANSPOSE MEAN SUB DIV SQUEEZE UNIDIRECTIONAL_SEQUENCE_LSTM STRIDED_SLICE BIDIRECTIONAL_SEQUENCE_RNN EXP"
        + " TOPK_V2 SPLIT LOG_SOFTMAX DELEGATE BIDIRECTIONAL_SEQUENCE_LSTM CAST PRELU MAXIMUM ARG_MAX MINIMUM LESS NEG"
        + " PADV2 GREATER GREATER_EQUAL LESS_EQUAL SELECT SLICE SIN TRANSPOSE_CONV SPARSE_TO_DENSE TILE EXPAND_DIMS"
        + " EQUAL NOT_EQUAL LOG SUM SQRT RSQRT SHAPE POW ARG_MIN FAKE_QUANT REDUCE_PROD REDUCE_MAX PACK LOGICAL_OR"
        + " ONE_HOT LOGICAL_AND LOGICAL_NOT UNPACK REDUCE_MIN FLOOR_DIV REDUCE_ANY SQUARE ZEROS_LIKE FILL FLOOR_MOD"
        + " RANGE RESIZE_NEAREST_NEIGHBOR LEAKY_RELU SQUARED_DIFFERENCE MIRROR_PAD ABS SPLIT_V UNIQUE CEIL REVERSE_V2"
        + " ADD_N GATHER_ND COS WHERE RANK ELU REVERSE_SEQUENCE MATRIX_DIAG QUANTIZE MATRIX_SET_DIAG ROUND HARD_SWISH"
        + " IF WHILE NON_MAX_SUPPRESSION_V4 NON_MAX_SUPPRESSION_V5 SCATTER_ND SELECT_V2 DENSIFY SEGMENT_SUM"
        + " BATCH_MATMUL PLACEHOLDER_FOR_GREATER_OP_CODES CUMSUM CALL_ONCE BROADCAST_TO RFFT2D CONV_3D IMAG REAL"
        + " COMPLEX_ABS HASHTABLE HASHTABLE_FIND HASHTABLE_IMPORT HASHTABLE_SIZE REDUCE_ALL CONV_3D_TRANSPOSE"
        + " VAR_HANDLE READ_VARIABLE ASSIGN_VARIABLE BROADCAST_ARGS RANDOM_STANDARD_NORMAL BUCKETIZE RANDOM_UNIFORM"
        + " MULTINOMIAL GELU DYNAMIC_UPDATE_SLICE RELU_0_TO_1 UNSORTED_SEGMENT_PROD UNSORTED_SEGMENT_MAX"
        + " UNSORTED_SEGMENT_SUM ATAN2 UNSORTED_SEGMENT_MIN SIGN BITCAST BITWISE_XOR RIGHT_SHIFT").split(" ");

    private final int code;

    TfliteOp(int code) {
        this.code = code;
    }

    /** The builtin code in the file. */
    public int code() {
        return code;
    }

    /** The supported op of {@code code}, or {@code null}. */
    static TfliteOp ofCode(int code) {
        return Arrays.stream(values()).filter(op -> op.code == code).findFirst().orElse(null);
    }

    /** TFLite's name of builtin op {@code code} ({@code BUILTIN_<code>} past the names this reader knows). */
    public static String nameOf(int code) {
        return code >= 0 && code < NAMES.length ? NAMES[code] : "BUILTIN_" + code;
    }

    /** The supported ops' names, for messages. */
    static String supportedNames() {
        return Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", "));
    }
}
