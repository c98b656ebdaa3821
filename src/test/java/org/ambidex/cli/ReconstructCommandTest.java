package org.ambidex.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReconstructCommandTest {

    static final Path DIR = Path.of("src/test/resources/fixtures/nets/tiny-internet");
    static final String MODEL = "internet:" + DIR.resolve("snapshot.pth.tar");

    @TempDir
    Path tmp;

    @Test
    void writesResultOverlayAndSkeletonViewPerImage() throws IOException {
        Path a = Files.copy(DIR.resolve("hands.png"), tmp.resolve("a.png"));
        Path b = Files.copy(DIR.resolve("hands.png"), tmp.resolve("b.png"));
        Path out = tmp.resolve("out");
        CliRun run = CliRun.of("reconstruct", a.toString(), b.toString(), "--model", MODEL, "--bbox", "30,20,90,60",
            "--focal", "500,510", "--princpt", "100,75", "--root-depth", "600", "-o", out.toString());
        assertThat(run.status()).as(run.err()).isZero();
        for (String stem : new String[] {"a", "b"}) {
            JsonNode r = new ObjectMapper().readTree(out.resolve(stem + ".json").toFile());
            assertThat(r.get("format").asText()).isEqualTo("ambidex.reconstruction/1");
            assertThat(r.get("unit").asText()).isEqualTo("m");
            assertThat(r.get("jointOrder").asText()).isEqualTo("openpose");
            assertThat(r.get("rootDepth").asDouble()).isEqualTo(0.6);
            assertThat(r.get("hands")).hasSize(2);
            assertThat(r.get("hands").get(0).get("side").asText()).isEqualTo("right");
            assertThat(r.get("hands").get(1).get("joints2d")).hasSize(21);
            assertThat(r.get("hands").get(1).get("jointsCamera").get(20)).hasSize(3);
            assertThat(ImageIO.read(out.resolve(stem + "_overlay.png").toFile()).getWidth()).isEqualTo(200);
            assertThat(ImageIO.read(out.resolve(stem + "_skeleton.png").toFile()).getWidth()).isEqualTo(640);
        }
        // the same image gives the same result
        assertThat(Files.readString(out.resolve("a.json")).replace("a.png", ""))
            .isEqualTo(Files.readString(out.resolve("b.json")).replace("b.png", ""));
    }

    @Test
    void boxesFromAFileAndNoIntrinsics() throws IOException {
        Path a = Files.copy(DIR.resolve("hands.png"), tmp.resolve("a.png"));
        Path boxes = Files.writeString(tmp.resolve("boxes.json"), "{\"a.png\": [30, 20, 90, 60]}");
        CliRun run = CliRun.of("reconstruct", a.toString(), "--model", MODEL, "--boxes", boxes.toString(), "-o",
            tmp.toString(), "--no-images");
        assertThat(run.status()).as(run.err()).isZero();
        JsonNode r = new ObjectMapper().readTree(tmp.resolve("a.json").toFile());
        assertThat(r.get("hands").get(0).get("jointsCamera").isNull()).isTrue();
        assertThat(r.get("intrinsics").isNull()).isTrue();
        assertThat(Files.exists(tmp.resolve("a_overlay.png"))).isFalse();
    }

    @Test
    void aCheckpointOfAnotherNetworkExitsTwoNamingTheTensors() {
        CliRun run = reconstruct("internet:src/test/resources/fixtures/torch-checkpoints/zip_format.pth");
        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).contains("zip_format.pth").contains("is not a checkpoint of InterNet (ResNet-50)")
            .contains("missing (backbone_net.resnet.conv1.weight").contains("unexpected (");
        assertThat(run.err().lines().count()).isEqualTo(1);
        assertThat(tmp.resolve("a.json")).doesNotExist();
    }

    @Test
    void aTruncatedCheckpointExitsTwo() throws IOException {
        byte[] all = Files.readAllBytes(DIR.resolve("snapshot.pth.tar"));
        Path cut = Files.write(tmp.resolve("cut.pth.tar"), Arrays.copyOf(all, all.length / 2));
        CliRun run = reconstruct("internet:" + cut);
        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).contains("cut.pth.tar");
        assertThat(tmp.resolve("a.json")).doesNotExist();
    }

    @Test
    void notACheckpointExitsTwo() {
        CliRun run = reconstruct("internet:" + DIR.resolve("hands.png"));
        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).contains("hands.png");
    }

    @Test
    void usageErrorsExitTwo() throws IOException {
        Path a = Files.copy(DIR.resolve("hands.png"), tmp.resolve("a.png"));
        if (!org.ambidex.pipeline.TwoHandModelFiles.hasDefault()) {
            // Without --model the shipped two-hand default is used; a build without one says so.
            assertThat(CliRun.of("reconstruct", a.toString(), "--bbox", "1,2,3,4").err()).contains("no default model");
        }
        assertThat(CliRun.of("reconstruct", a.toString(), "--model", "resnet:x", "--bbox", "1,2,3,4").status())
            .isEqualTo(2);
        assertThat(CliRun.of("reconstruct", a.toString(), "--model", MODEL).err()).contains("--bbox");
        assertThat(CliRun.of("reconstruct", a.toString(), "--model", MODEL, "--bbox", "1,2,3").status()).isEqualTo(2);
        CliRun negative = CliRun.of("reconstruct", a.toString(), "--model", MODEL, "--bbox", "1,2,-3,4", "-o",
            tmp.toString());
        assertThat(negative.status()).isEqualTo(2);
        assertThat(negative.err()).contains("a.png");
    }

    private CliRun reconstruct(String model) {
        Path a;
        try {
            a = Files.copy(DIR.resolve("hands.png"), tmp.resolve("a.png"));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return CliRun.of("reconstruct", a.toString(), "--model", model, "--bbox", "30,20,90,60", "-o",
            tmp.toString());
    }
}
