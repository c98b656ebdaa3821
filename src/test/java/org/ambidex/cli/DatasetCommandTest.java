package org.ambidex.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.ambidex.data.interhand.TinyInterHand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetCommandTest {

    private static final String DATA = TinyInterHand.root().toString();

    @Test
    void dumpWritesOneJsonLinePerSample() throws Exception {
        CliRun run = CliRun.of("--quiet", "dataset", "dump", "--data", DATA, "--split", "test", "--limit", "2");
        assertThat(run.status()).as(run.err()).isZero();
        List<String> lines = run.out().lines().toList();
        assertThat(lines).hasSize(2);
        JsonNode first = new ObjectMapper().readTree(lines.get(0));
        assertThat(first.get("capture").asInt()).isZero();
        assertThat(first.get("camera").asText()).isEqualTo("400262");
        assertThat(first.get("frame").asInt()).isEqualTo(5);
        assertThat(first.get("hand_type").asText()).isEqualTo("right");
        assertThat(first.get("hand_type_valid").asInt()).isEqualTo(1);
        assertThat(first.get("focal").get(1).asDouble()).isEqualTo(1100);
        assertThat(first.get("princpt").get(0).asDouble()).isEqualTo(160);
        assertThat(first.get("bbox").get(2).asDouble()).isEqualTo(60);
        assertThat(first.get("joints_cam")).hasSize(42);
        assertThat(first.get("joints_cam").get(3).get(1).asDouble()).isCloseTo(0.053, within(1e-9));
        assertThat(first.get("joints_px").get(3).get(1).asDouble()).isCloseTo(308.3, within(1e-6));
        assertThat(first.get("joint_valid").get(5).asInt()).isZero();
        assertThat(first.get("joint_valid").get(4).asInt()).isEqualTo(1);
        assertThat(first.get("image").asText()).endsWith("image5.jpg");
    }

    @Test
    void dumpWithAHandModelAddsCameraFrameManoParameters() throws Exception {
        String mano = Path.of(DatasetCommandTest.class.getResource("/fixtures/mano-format/MANO_RIGHT.pkl").toURI())
            .getParent().toString();
        CliRun run = CliRun.of("--quiet", "dataset", "dump", "--data", DATA, "--split", "test", "--limit", "1",
            "--hand-model", mano);
        assertThat(run.status()).as(run.err()).isZero();
        JsonNode first = new ObjectMapper().readTree(run.out().lines().findFirst().orElseThrow());
        assertThat(first.get("mano_world").get("left").isNull()).isTrue();
        assertThat(first.get("mano_world").get("right").get("trans").get(0).asDouble()).isEqualTo(0.01);
        JsonNode cam = first.get("mano_cam").get("right");
        assertThat(cam.get("pose")).hasSize(48);
        // the finger pose is unchanged by the conversion, the root orientation is not
        assertThat(cam.get("pose").get(47).asDouble()).isCloseTo(0.48, within(1e-12));
        assertThat(cam.get("pose").get(2).asDouble()).isNotCloseTo(0.03, within(1e-6));
    }

    @Test
    void dumpToFileAndWithFilters(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("dump.jsonl");
        CliRun run = CliRun.of("--quiet", "dataset", "dump", "--data", DATA, "--split", "test", "--hand-type",
            "interacting", "--out", out.toString());
        assertThat(run.status()).as(run.err()).isZero();
        assertThat(Files.readAllLines(out)).singleElement().asString().contains("\"hand_type\":\"interacting\"");
    }

    @Test
    void statsCountsPerSplitAndHandType() {
        CliRun run = CliRun.of("dataset", "stats", "--data", DATA);
        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.out()).containsPattern("test\\s+2\\s+1\\s+1\\s+4");
        CliRun one = CliRun.of("dataset", "stats", "--data", DATA, "--camera", "400263");
        assertThat(one.out()).containsPattern("test\\s+1\\s+0\\s+0\\s+1");
    }

    @Test
    void showDrawsTheValidJointsOverTheImage(@TempDir Path dir) throws Exception {
        Path root = dir.resolve("ih");
        Path ann = root.resolve("annotations");
        Files.createDirectories(ann.resolve("test"));
        try (var files = Files.list(TinyInterHand.root().resolve("annotations/test"))) {
            for (Path p : files.toList()) {
                Files.copy(p, ann.resolve("test").resolve(p.getFileName()));
            }
        }
        Path image = root.resolve("images/test/Capture0/0007_thumbup/cam400262/image5.jpg");
        java.awt.image.BufferedImage white = new java.awt.image.BufferedImage(334, 512,
            java.awt.image.BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = white.createGraphics();
        g.setColor(java.awt.Color.WHITE);
        g.fillRect(0, 0, 334, 512);
        g.dispose();
        org.ambidex.io.image.Images.write(image, white);
        Path out = dir.resolve("show.png");
        CliRun run = CliRun.of("dataset", "show", "--data", root.toString(), "--split", "test", "--index", "0",
            "--out", out.toString());
        assertThat(run.status()).as(run.err()).isZero();
        java.awt.image.BufferedImage drawn = javax.imageio.ImageIO.read(out.toFile());
        // the right hand's joints sit at (140, 305 + 1.1 j): the wrist (j = 20) at (140, 327)
        assertThat(drawn.getRGB(140, 327) & 0xFFFFFF).isNotEqualTo(0xFFFFFF);
        // far from the joints and the box the image is untouched (JPEG noise aside)
        int far = drawn.getRGB(300, 480);
        assertThat((far >> 16) & 0xFF).isGreaterThan(245);
        CliRun badIndex = CliRun.of("dataset", "show", "--data", root.toString(), "--split", "test", "--index", "9",
            "--out", out.toString());
        assertThat(badIndex.status()).isEqualTo(2);
        assertThat(badIndex.err()).contains("--index 9 is outside 0..3");
    }

    @Test
    void missingDatasetIsOneLineAndStatusTwo(@TempDir Path dir) {
        CliRun run = CliRun.of("dataset", "dump", "--data", dir.resolve("nope").toString(), "--split", "test");
        assertThat(run.status()).isEqualTo(2);
        assertThat(run.errLines()).isEqualTo(1);
        assertThat(run.err()).contains("no such dataset folder");
        CliRun stats = CliRun.of("dataset", "stats", "--data", dir.toString());
        assertThat(stats.status()).isEqualTo(2);
        assertThat(stats.err()).contains("no split found");
    }
}
