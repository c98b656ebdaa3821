package org.ambidex.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.BiFunction;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InspectCommandTest {

    @TempDir
    Path dir;

    static String fixture(String name) {
        try {
            return Path.of(InspectCommandTest.class.getResource("/fixtures/" + name).toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void tableListsEveryTensorAndTheOtherEntries() {
        CliRun run = CliRun.of("inspect", fixture("torch-checkpoints/zip_format.pth"));
        assertThat(run.status()).isZero();
        assertThat(run.out()).contains("network.module.head.fc.bias", "float64", "(6,)",
            "network.module.head.empty", "(0, 4)", "optimizer.state.0.exp_avg", "14 arrays", "epoch", "7");
        assertThat(run.out()).containsPattern("network\\.module\\.head\\.ints +int32 +\\(8,\\) +-3 +4 +0\\.5");
    }

    @Test
    void manoPickleShowsTheSparseRegressorAndStrings() {
        CliRun run = CliRun.of("inspect", fixture("mano-format/MANO_RIGHT.pkl"));
        assertThat(run.status()).isZero();
        assertThat(run.out()).contains("J_regressor", "csc sparse", "(16, 778)", "shapedirs", "(778, 3, 10)",
            "bs_style", "'lbs'");
    }

    @Test
    void jsonHasFullPrecisionSums() throws IOException {
        CliRun run = CliRun.of("inspect", "--json", fixture("torch-checkpoints/legacy_format.pth.tar"));
        assertThat(run.status()).isZero();
        JsonNode root = new ObjectMapper().readTree(run.out());
        assertThat(root.get("format").asText()).isEqualTo("ambidex.inspect/1");
        JsonNode ints = null;
        for (JsonNode a : root.get("arrays")) {
            if (a.get("name").asText().equals("network.module.head.ints")) {
                ints = a;
            }
        }
        assertThat(ints).isNotNull();
        assertThat(ints.get("sum").asDouble()).isEqualTo(4.0); // -3 + ... + 4
        assertThat(ints.get("mean").asDouble()).isEqualTo(0.5);
        assertThat(root.get("others").get("epoch").asLong()).isEqualTo(7);
    }

    @Test
    void valuesPrintsOneTensorExactly() throws IOException {
        CliRun run = CliRun.of("inspect", "--values", "module.head.ints", fixture("torch-checkpoints/bare_state_dict.pt"));
        assertThat(run.status()).isZero();
        assertThat(run.out()).isEqualTo("# module.head.ints int32 (8,)\n-3 -2 -1 0 1 2 3 4\n");
        CliRun json = CliRun.of("inspect", "--json", "--values", "module.head.mask",
            fixture("torch-checkpoints/bare_state_dict.pt"));
        assertThat(new ObjectMapper().readTree(json.out()).get("values").toString()).isEqualTo("[true,false,true]");
        CliRun missing = CliRun.of("inspect", "--values", "nope", fixture("torch-checkpoints/bare_state_dict.pt"));
        assertThat(missing.status()).isEqualTo(2);
        assertThat(missing.err()).contains("has no array 'nope'");
    }

    @Test
    void maliciousPickleIsRefusedWithExitTwoAndOneLine() throws IOException {
        Path evil = dir.resolve("evil.pkl");
        Files.write(evil, "cos\nsystem\n(S'touch pwned'\ntR.".getBytes(StandardCharsets.US_ASCII));
        assertBadInput(CliRun.of("inspect", evil.toString()), "refused to load the Python global 'os.system'");
        assertThat(dir.resolve("pwned")).doesNotExist();
    }

    @Test
    void checkpointWhosePickleCallsCodeIsRefused() throws IOException {
        Path evil = dir.resolve("evil.pth");
        rewriteZip(fixture("torch-checkpoints/zip_format.pth"), evil, (name, bytes) -> name.endsWith("data.pkl")
            ? "\u0080\u0002csubprocess\nPopen\n(X\u0002\u0000\u0000\u0000idtR.".getBytes(StandardCharsets.ISO_8859_1)
            : bytes);
        assertBadInput(CliRun.of("inspect", evil.toString()), "'subprocess.Popen'");
    }

    @Test
    void storageOfTheWrongSizeIsRefused() throws IOException {
        Path bad = dir.resolve("short.pth");
        rewriteZip(fixture("torch-checkpoints/zip_format.pth"), bad, (name, bytes) -> name.endsWith("data/0")
            ? Arrays.copyOf(bytes, 100) : bytes);
        assertBadInput(CliRun.of("inspect", bad.toString()), "declares 216 float32 elements");
        Path missing = dir.resolve("missing.pth");
        rewriteZip(fixture("torch-checkpoints/zip_format.pth"), missing, (name, bytes) -> name.endsWith("data/5")
            ? null : bytes);
        assertBadInput(CliRun.of("inspect", missing.toString()), "lacks zip_format/data/5");
    }

    @Test
    void truncatedCheckpointsAreRefusedWithOneLine() throws IOException {
        for (String name : new String[] {"torch-checkpoints/legacy_format.pth.tar", "torch-checkpoints/zip_format.pth"}) {
            byte[] whole = Files.readAllBytes(Path.of(fixture(name)));
            for (int n = 1; n < whole.length; n += 97) {
                Path cut = dir.resolve("cut" + n + (name.endsWith(".tar") ? ".pth.tar" : ".pth"));
                Files.write(cut, Arrays.copyOf(whole, n));
                CliRun run = CliRun.of("inspect", cut.toString());
                assertThat(run.status()).as(name + " cut at " + n + ": " + run.err()).isEqualTo(2);
                assertThat(run.errLines()).as(run.err()).isEqualTo(1);
            }
        }
    }

    @Test
    void wrongMagicAndUnknownFormatsAreRefused() throws IOException {
        Path npy = dir.resolve("x.npy");
        Files.write(npy, "not numpy at all".getBytes(StandardCharsets.US_ASCII));
        assertBadInput(CliRun.of("inspect", npy.toString()), "not a NumPy file");
        Path pth = dir.resolve("x.pth");
        Files.write(pth, "GIF89a....".getBytes(StandardCharsets.US_ASCII));
        assertBadInput(CliRun.of("inspect", pth.toString()), "is not a PyTorch checkpoint");
        Path tar = dir.resolve("old.pth.tar");
        byte[] header = new byte[1024];
        System.arraycopy("ustar".getBytes(StandardCharsets.US_ASCII), 0, header, 257, 5);
        Files.write(tar, header);
        assertBadInput(CliRun.of("inspect", tar.toString()), "unsupported");
        assertBadInput(CliRun.of("inspect", dir.resolve("absent.pkl").toString()), "no such file");
        Path script = dir.resolve("script.pt");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(script))) {
            for (String entry : new String[] {"m/data.pkl", "m/constants.pkl", "m/code/__torch__.py"}) {
                out.putNextEntry(new ZipEntry(entry));
                out.write(new byte[] {(byte) 0x80, 2, 'N', '.'});
                out.closeEntry();
            }
        }
        assertBadInput(CliRun.of("inspect", script.toString()), "TorchScript archive");
    }

    static Path bundledModel(Path dir, String name) throws IOException {
        Path file = dir.resolve(name);
        try (var in = InspectCommandTest.class.getClassLoader()
            .getResourceAsStream("org/ambidex/models/mediapipe/" + name)) {
            Files.write(file, in.readAllBytes());
        }
        return file;
    }

    @Test
    void tfliteModelListsTensorsAndOps() throws IOException {
        Path palm = bundledModel(dir, "palm_detection_lite.tflite");
        CliRun run = CliRun.of("inspect", palm.toString());
        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.out()).contains("tflite model", "inputs: 0 'input_1' float32 (1, 192, 192, 3)",
            "'Identity' float32 (1, 2016, 18)", "353 tensors (", "232 ops",
            "kernel 5x5, stride 2x2, SAME", "window 2x2, stride 2x2, SAME", "paddings (0, 0) (0, 0) (0, 0) (0, 32)",
            "to 12x12, half-pixel centres", "to (1, 864, 18)", "axis 1");
        assertThat(run.out()).containsPattern("(?m)^0 +DEQUANTIZE +\\d+ +\\d+ +float16 -> float32$");
        JsonNode root = new ObjectMapper().readTree(CliRun.of("inspect", "--json", palm.toString()).out());
        assertThat(root.get("format").asText()).isEqualTo("ambidex.inspect/1");
        assertThat(root.get("kind").asText()).isEqualTo("tflite model");
        assertThat(root.get("tensors")).hasSize(353);
        assertThat(root.get("operators")).hasSize(232);
        assertThat(root.get("operators").get(231).get("op").asText()).isEqualTo("CONCATENATION");
        assertThat(root.get("others").get("metadata.reduced_precision_support").asText()).isEqualTo("fp16accfp32");
        JsonNode pads = null;
        for (JsonNode a : root.get("arrays")) {
            if (a.get("name").asText().equals("model_1/model/channel_padding/Pad/paddings")) {
                pads = a;
            }
        }
        assertThat(pads.get("sum").asDouble()).isEqualTo(32);
        CliRun values = CliRun.of("inspect", "--values", "model_1/model/up_sampling2d/mul", palm.toString());
        assertThat(values.out()).isEqualTo("# model_1/model/up_sampling2d/mul int32 (2,)\n12 12\n");
    }

    @Test
    void sparseTfliteTensorsAreShownAsSuch() throws IOException {
        Path pose = bundledModel(dir, "pose_detection.tflite");
        CliRun run = CliRun.of("inspect", pose.toString());
        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.out()).contains("442 tensors (150 constant, 38 sparse), 291 ops", "block 2x2");
        assertThat(run.out()).containsPattern(
            "(?m)^15 +model_1/model/conv2d_1/Conv2D_dequantize +float16 sparse +\\(16, 1, 1, 24\\) +-1\\.41016 ");
        assertThat(run.out()).containsPattern(
            "(?m)^8 +DENSIFY +15 +16 +sparse -> dense: traversal \\[0, 1, 2, 3\\], levels D D D CSR$");
        JsonNode tensor = new ObjectMapper().readTree(CliRun.of("inspect", "--json", pose.toString()).out())
            .get("tensors").get(15);
        assertThat(tensor.get("sparsity").asText()).isEqualTo("traversal [0, 1, 2, 3], levels D D D CSR");
        assertThat(tensor.get("constant").asBoolean()).isTrue();
    }

    @Test
    void unsupportedOrBrokenTfliteFilesAreRefusedInOneLine() throws IOException {
        org.ambidex.io.tflite.TinyModel softmax = new org.ambidex.io.tflite.TinyModel();
        int x = softmax.input("x", 1, 4);
        int y = softmax.activation("y", 1, 4);
        softmax.op(25, null, 0, new int[] {x}, y);
        softmax.outputs(y);
        Path other = dir.resolve("other.tflite");
        Files.write(other, softmax.build());
        assertBadInput(CliRun.of("inspect", other.toString()), "op 25 SOFTMAX at index 0 is not supported");
        byte[] whole = Files.readAllBytes(bundledModel(dir, "hand_landmark_lite.tflite"));
        Path cut = dir.resolve("cut.tflite");
        Files.write(cut, Arrays.copyOf(whole, whole.length / 2));
        assertBadInput(CliRun.of("inspect", cut.toString()), "is not a valid TFLite file");
        Path text = dir.resolve("text.tflite");
        Files.write(text, "hello".getBytes(StandardCharsets.US_ASCII));
        assertBadInput(CliRun.of("inspect", text.toString()), "is not a TFLite model");
    }

    private static void assertBadInput(CliRun run, String message) {
        assertThat(run.status()).as(run.err()).isEqualTo(2);
        assertThat(run.errLines()).as(run.err()).isEqualTo(1);
        assertThat(run.err()).contains(message).doesNotContain("Exception");
    }

    static void rewriteZip(String from, Path to, BiFunction<String, byte[], byte[]> change) throws IOException {
        ZipRewrite.rewrite(Path.of(from), to, change);
    }
}
