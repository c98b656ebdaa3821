package org.ambidex.io.tflite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.ambidex.core.BadInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TfliteModelTest {

    static byte[] bundled(String name) {
        try (InputStream in = TfliteModelTest.class.getClassLoader()
            .getResourceAsStream("org/ambidex/models/mediapipe/" + name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The op counts and fp16 parameter counts MEDIAPIPE.md (section 1) gives for each network. */
    @ParameterizedTest
    @CsvSource({
        "palm_detection_full.tflite, 272, 'ADD=30, CONCATENATION=2, CONV_2D=35, DEPTHWISE_CONV_2D=28, DEQUANTIZE=133,"
            + " MAX_POOL_2D=4, RESHAPE=4, RESIZE_BILINEAR=2, PAD=3, PRELU=31', 1132536, 192",
        "palm_detection_lite.tflite, 232, 'ADD=25, CONCATENATION=2, CONV_2D=30, DEPTHWISE_CONV_2D=23, DEQUANTIZE=113,"
            + " MAX_POOL_2D=4, RESHAPE=4, RESIZE_BILINEAR=2, PAD=3, PRELU=26', 960088, 192",
        "hand_landmark_full.tflite, 165, 'ADD=9, CONV_2D=31, DEPTHWISE_CONV_2D=16, DEQUANTIZE=102, FULLY_CONNECTED=4,"
            + " LOGISTIC=2, MEAN=1', 2715680, 224",
        "hand_landmark_lite.tflite, 167, 'ADD=10, CONV_2D=31, DEPTHWISE_CONV_2D=16, DEQUANTIZE=102,"
            + " FULLY_CONNECTED=4, LOGISTIC=2, MAX_POOL_2D=1, MEAN=1', 1011712, 224"})
    void readsTheBundledNetworks(String file, int ops, String counts, long halfParameters, int side) {
        TfliteModel m = TfliteModel.read(bundled(file), file);
        assertThat(m.schemaVersion()).isEqualTo(3);
        assertThat(m.description()).isEqualTo("MLIR Converted.");
        assertThat(m.metadata()).extracting(TfliteMetadata::name)
            .containsExactly("min_runtime_version", "reduced_precision_support");
        assertThat(m.metadata().get(1).text()).isEqualTo("fp16accfp32");
        assertThat(m.operators()).hasSize(ops);
        Map<TfliteOp, Integer> byOp = new TreeMap<>();
        m.operators().forEach(op -> byOp.merge(op.op(), 1, Integer::sum));
        assertThat(byOp.toString()).isEqualTo("{" + counts + "}");
        assertThat(m.tensors().stream().filter(t -> t.dtype() == TfliteDType.FLOAT16)
            .mapToLong(TfliteTensor::elementCount).sum()).isEqualTo(halfParameters);
        TfliteTensor input = m.tensor(m.inputs().get(0));
        assertThat(input.name()).isEqualTo("input_1");
        assertThat(input.shape()).containsExactly(1, side, side, 3);
        assertThat(m.outputs()).extracting(i -> m.tensor(i).name()).startsWith("Identity", "Identity_1");
    }

    @Test
    void optionsAndWeightsAreReadAsTheFileHasThem() {
        TfliteModel m = TfliteModel.read(bundled("palm_detection_full.tflite"), "palm");
        TfliteOperator stem = m.operators().stream().filter(op -> op.op() == TfliteOp.CONV_2D).findFirst().orElseThrow();
        assertThat(stem.options()).isEqualTo(new TfliteOptions.Conv2D(TflitePadding.SAME, 2, 2, TfliteActivation.NONE));
        assertThat(m.tensor(stem.input(1)).shape()).containsExactly(32, 5, 5, 3);
        assertThat(m.tensor(stem.output(0)).shape()).containsExactly(1, 96, 96, 32);
        TfliteOperator pool = m.operators().stream().filter(op -> op.op() == TfliteOp.MAX_POOL_2D).findFirst()
            .orElseThrow();
        assertThat(pool.options()).isEqualTo(new TfliteOptions.Pool2D(TflitePadding.SAME, 2, 2, 2, 2,
            TfliteActivation.NONE));
        // A dequantised weight: the float16 constant widened exactly, as the array reader widens it.
        TfliteOperator dequantize = m.operators().get(0);
        assertThat(dequantize.op()).isEqualTo(TfliteOp.DEQUANTIZE);
        int half = dequantize.input(0);
        assertThat(m.tensor(half).dtype()).isEqualTo(TfliteDType.FLOAT16);
        assertThat(m.floats(half)).containsExactly(m.constant(half).toFloatArray());
        TfliteOperator pad = m.operators().stream().filter(op -> op.op() == TfliteOp.PAD).findFirst().orElseThrow();
        assertThat(m.ints(pad.input(1))).containsExactly(0, 0, 0, 0, 0, 0, 0, 32);
    }

    @Test
    void sameSplitsUnevenPaddingWithTheExtraPixelAfter() {
        assertThat(TflitePadding.SAME.before(224, 3, 2)).isZero();
        assertThat(TflitePadding.SAME.after(224, 3, 2)).isEqualTo(1);
        assertThat(TflitePadding.SAME.before(192, 5, 2)).isEqualTo(1);
        assertThat(TflitePadding.SAME.after(192, 5, 2)).isEqualTo(2);
        assertThat(TflitePadding.SAME.before(56, 5, 1)).isEqualTo(2);
        assertThat(TflitePadding.SAME.after(56, 5, 1)).isEqualTo(2);
        assertThat(TflitePadding.SAME.outputSize(7, 3, 2)).isEqualTo(4);
        assertThat(TflitePadding.VALID.outputSize(7, 3, 2)).isEqualTo(3);
        assertThat(TflitePadding.VALID.after(7, 3, 2)).isZero();
    }

    /** input [1, 4, 4, 2] -> CONV_2D 3x3 (weights float16 behind DEQUANTIZE) -> [1, 2, 2, 3]. */
    static TinyModel conv() {
        TinyModel t = new TinyModel();
        int x = t.input("x", 1, 4, 4, 2);
        int w = t.weight("w", new float[3 * 3 * 3 * 2], 3, 3, 3, 2);
        int b = t.constant("b", new float[] {0.5f, -1, 2}, 3);
        int y = t.activation("y", 1, 2, 2, 3);
        t.op(3, TinyModel.conv(TinyModel.SAME, 2, 2, TinyModel.RELU6), TinyModel.CONV_2D_OPTIONS,
            new int[] {x, w, b}, y);
        t.outputs(y);
        return t;
    }

    @Test
    void readsATinyModel() {
        TfliteModel m = TfliteModel.read(conv().build(), "tiny.tflite");
        assertThat(m.description()).isEqualTo("tiny");
        assertThat(m.tensors()).extracting(TfliteTensor::name).containsExactly("x", "w_fp16", "w", "b", "y");
        assertThat(m.operators()).extracting(TfliteOperator::op).containsExactly(TfliteOp.DEQUANTIZE, TfliteOp.CONV_2D);
        assertThat(m.operators().get(1).options()).isEqualTo(new TfliteOptions.Conv2D(TflitePadding.SAME, 2, 2,
            TfliteActivation.RELU6));
        assertThat(m.floats(3)).containsExactly(0.5f, -1, 2);
        assertThat(m.tensor(3).constant()).isTrue();
        assertThat(m.tensor(4).constant()).isFalse();
    }

    @Test
    void anotherNetworksOpIsRefusedByName() {
        TinyModel t = new TinyModel();
        int x = t.input("x", 1, 4);
        int y = t.activation("y", 1, 4);
        t.op(25, null, 0, new int[] {x}, y);
        t.outputs(y);
        assertRefused(t, "tiny.tflite: op 25 SOFTMAX at index 0 is not supported; expected one of ADD, CONCATENATION,"
            + " CONV_2D, DEPTHWISE_CONV_2D, DEPTH_TO_SPACE, DEQUANTIZE, FULLY_CONNECTED, LOGISTIC, MAX_POOL_2D, RELU6,"
            + " RESHAPE, RESIZE_BILINEAR, PAD, MEAN, PRELU, DENSIFY");
        TinyModel big = new TinyModel();
        int a = big.input("x", 1, 4);
        int b = big.activation("y", 1, 4);
        big.op(150, null, 0, new int[] {a}, b);
        big.outputs(b);
        assertRefused(big, "op 150 GELU at index 0 is not supported");
    }

    @Test
    void unsupportedOptionsAreRefusedByName() {
        assertRefused(changed(t -> t.operatorTable(1).table(4, TinyModel.conv(TinyModel.SAME, 2, 2, 4))),
            "op 1 CONV_2D has fused activation TANH; only NONE and RELU6 are supported");
        assertRefused(changed(t -> t.operatorTable(1).table(4, TinyModel.conv(TinyModel.SAME, 2, 2, 0).i32(4, 2))),
            "op 1 CONV_2D has dilation 1x2; only 1 is supported");
        assertRefused(changed(t -> t.operatorTable(1).i8(3, TinyModel.POOL_2D_OPTIONS)),
            "op 1 CONV_2D has builtin options of union type 5; expected Conv2DOptions (1)");
        TinyModel dw = new TinyModel();
        int x = dw.input("x", 1, 4, 4, 2);
        int w = dw.weight("w", new float[18], 1, 3, 3, 2);
        int y = dw.activation("y", 1, 4, 4, 2);
        dw.op(4, TinyModel.depthwise(TinyModel.SAME, 1, 1, 0).i32(3, 2), TinyModel.DEPTHWISE_CONV_2D_OPTIONS,
            new int[] {x, w, -1}, y);
        dw.outputs(y);
        assertRefused(dw, "op 1 DEPTHWISE_CONV_2D has depth_multiplier 2; only 1 is supported");
        TinyModel resize = new TinyModel();
        int r = resize.input("x", 1, 2, 2, 1);
        int size = resize.constantInts("size", new int[] {4, 4}, 2);
        int ry = resize.activation("y", 1, 4, 4, 1);
        resize.op(23, TinyModel.resizeHalfPixel().bool(2, true).bool(3, false), TinyModel.RESIZE_BILINEAR_OPTIONS,
            new int[] {r, size}, ry);
        resize.outputs(ry);
        assertRefused(resize, "op 0 RESIZE_BILINEAR has align_corners=true, half_pixel_centers=false; only"
            + " align_corners=false, half_pixel_centers=true is supported");
    }

    @Test
    void unsupportedTensorsAreRefusedByName() {
        assertRefused(changed(t -> t.tensorTable(4).i8(1, TinyModel.INT8)),
            "tensor 4 'y' has element type INT8; expected FLOAT32, FLOAT16 or INT32");
        assertRefused(changed(t -> t.tensorTable(0).table(4, new FlatBufferWriter.Table().ints(2, 1).ints(3, 0))),
            "tensor 0 'x' is quantised; only float models are supported");
        assertRefused(changed(t -> t.tensorTable(4).bool(5, true)), "tensor 4 'y' is a variable");
        assertRefused(changed(t -> t.tensorTable(4).i8(1, 33)), "tensor 4 'y' has element type code 33");
    }

    @Test
    void graphsThatDoNotFitAreRefusedWithTheOpOrTensor() {
        assertRefused(changed(t -> t.tensorTable(4).ints(0, 1, 4, 4, 3)),
            "op 1 CONV_2D writes 4 'y' of shape [1, 4, 4, 3], but its inputs give [1, 2, 2, 3]");
        assertRefused(changed(t -> t.operatorTable(1).ints(1, 0, 1, 3)),
            "op 1 CONV_2D reads tensor 1 'w_fp16' (FLOAT16 [3, 3, 3, 2], constant) as input 1; expected FLOAT32"
                + " constants or dequantised FLOAT16 constants");
        assertRefused(changed(t -> t.operatorTable(1).ints(1, 4, 2, 3)), "op 1 CONV_2D reads tensor 4 'y' before");
        assertRefused(changed(t -> t.tensorTable(3).ints(0, 4)),
            "tensor 3 'b' has 12 bytes of data; its shape [4] of FLOAT32 needs 16");
        assertRefused(changed(t -> t.tensorTable(2).ints(0, 3, 3, 3, 4)), "op 0 DEQUANTIZE writes 2 'w'");
        assertRefused(changed(t -> t.operatorTable(1).ints(2, 2)), "op 1 CONV_2D writes tensor 2 'w', which is");
        assertRefused(changed(t -> t.tensorTable(0).ints(0, 2, 4, 4, 2)),
            "has input 0 'x' FLOAT32 [2, 4, 4, 2]; expected a FLOAT32 image [1, H, W, C]");
        assertRefused(changed(t -> t.tensorTable(4).i32(2, 9)), "tensor 4 'y' refers to buffer 9 of 3");
        assertRefused(changed(t -> t.operatorTable(1).i32(0, 7)), "operator 1 refers to operator code 7 of 2");
    }

    @Test
    void otherFilesAreRefused() {
        assertThatThrownBy(() -> TfliteModel.read("GIF89a, not a model".getBytes(), "x.tflite"))
            .isInstanceOf(BadInputException.class)
            .hasMessage("x.tflite: is not a TFLite model (expected the file identifier TFL3 at byte 4)");
        assertThatThrownBy(() -> TfliteModel.read(new byte[3], "x.tflite")).isInstanceOf(BadInputException.class)
            .hasMessageContaining("the file has 3 bytes");
        assertRefused(changed(t -> t.modelTable().i32(0, 2)), "has TFLite schema version 2; expected 3");
        assertRefused(changed(t -> t.subgraphs(2)), "has 2 subgraphs; only models with one are supported");
        byte[] lying = conv().build();
        lying[0] = (byte) 0xf0;
        lying[1] = (byte) 0xff;
        assertThatThrownBy(() -> TfliteModel.read(lying, "x.tflite")).isInstanceOf(BadInputException.class)
            .hasMessageStartingWith("x.tflite: is not a valid TFLite file: the model lies outside the file (bytes 65520");
    }

    @Test
    void truncatedFilesAreRefusedInOneLine() {
        byte[] whole = bundled("palm_detection_lite.tflite");
        for (int n = 0; n < whole.length; n += n < 8192 || n > whole.length - 8192 ? 61 : 4099) {
            byte[] cut = java.util.Arrays.copyOf(whole, n);
            int length = n;
            assertThatThrownBy(() -> TfliteModel.read(cut, "cut.tflite")).as("cut at %d", length)
                .isInstanceOf(BadInputException.class).hasMessageStartingWith("cut.tflite: ")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        }
    }

    @Test
    void corruptBytesAnywhereGiveAModelOrOneLineNeverAnotherFailure() {
        byte[] good = conv().build();
        int[] values = {0x00, 0xff, 0x7f, 0x80, 0x01, 0x40};
        int models = 0;
        for (int at = 0; at < good.length; at++) {
            for (int v : values) {
                byte[] bad = good.clone();
                bad[at] = (byte) v;
                try {
                    TfliteModel.read(bad, "bad.tflite");
                    models++;
                } catch (BadInputException e) {
                    assertThat(e.getMessage()).startsWith("bad.tflite: ").doesNotContain("\n");
                }
            }
        }
        // Many bytes are padding or values the reader accepts; the rest are refused.
        assertThat(models).isPositive().isLessThan(good.length * values.length);
    }

    private static TinyModel changed(Consumer<TinyModel> change) {
        TinyModel t = conv();
        change.accept(t);
        return t;
    }

    private static void assertRefused(TinyModel model, String message) {
        assertThatThrownBy(() -> TfliteModel.read(model.build(), "tiny.tflite")).isInstanceOf(BadInputException.class)
            .hasMessageContaining(message).satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }
}
