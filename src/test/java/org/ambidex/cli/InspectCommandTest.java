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

    private static void assertBadInput(CliRun run, String message) {
        assertThat(run.status()).as(run.err()).isEqualTo(2);
        assertThat(run.errLines()).as(run.err()).isEqualTo(1);
        assertThat(run.err()).contains(message).doesNotContain("Exception");
    }

    static void rewriteZip(String from, Path to, BiFunction<String, byte[], byte[]> change) throws IOException {
        ZipRewrite.rewrite(Path.of(from), to, change);
    }
}
