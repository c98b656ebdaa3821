package org.ambidex.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.ambidex.core.MemoryBudget;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The sweep of bad, hostile and large inputs as a table: each row makes its input, runs one command line and checks
 * the contract every command keeps: the exit status (0, 2 bad input or usage, 1 internal failure), stderr empty on
 * success and one line on failure (naming what was wrong, no stack trace), no file the failure must not leave, and
 * no hidden leftover (a temporary {@code .part} file or a staging folder) anywhere under the case's folder. A new
 * command adds its rows here.
 *
 * <p>In a command line, {@code $D} stands for the case's own folder, {@code $M} for a tiny two-hand model file,
 * {@code $H} for a small photo and {@code $MANO} for the MANO fixture folder.
 */
class BadInputSweepTest {

    @TempDir
    static Path shared;
    static Path model;
    static Path photo;

    @TempDir
    Path dir;

    /** Writes a case's inputs into its folder. */
    @FunctionalInterface
    interface Maker {
        void make(Path dir) throws IOException;
    }

    /**
     * One row.
     *
     * @param name what the row is about (the test's display name)
     * @param maker writes the inputs
     * @param commandLine the arguments, with the placeholders above
     * @param status the exit status expected
     * @param stderr a fragment of the one stderr line (ignored when the status is 0: stderr must be empty)
     * @param absent paths under the case's folder that must not exist afterwards
     * @param heapBytes the Java heap the command is to believe it has ({@link MemoryBudget#HEAP_PROPERTY}), or 0
     */
    record Case(String name, Maker maker, String commandLine, int status, String stderr, List<String> absent,
                long heapBytes) {

        Case(String name, Maker maker, String commandLine, int status, String stderr, List<String> absent) {
            this(name, maker, commandLine, status, stderr, absent, 0);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private static final Maker NOTHING = d -> { };

    static Stream<Case> cases() {
        List<Case> c = new ArrayList<>();
        // 1, 2: hostile object graphs cost their size
        c.add(new Case("inspect: a pickled list that holds itself ends",
            d -> HostileInputs.write(d.resolve("self.pkl"), HostileInputs.selfListPickle()),
            "inspect $D/self.pkl", 0, "", List.of()));
        c.add(new Case("inspect: the same list inside a torch zip ends",
            d -> HostileInputs.write(d.resolve("self.pt"), HostileInputs.torchZip(HostileInputs.selfListPickle())),
            "inspect $D/self.pt", 0, "", List.of()));
        c.add(new Case("inspect: 2^60 paths through 61 shared lists cost 61 entries",
            d -> HostileInputs.write(d.resolve("dag.pkl"), HostileInputs.sharedListsPickle(60)),
            "inspect --json $D/dag.pkl", 0, "", List.of()));
        // 3: memory proportional to what is asked
        c.add(new Case("render: --size 8192 8192 --supersampling 8 is refused before drawing",
            BadInputSweepTest::triangle, "render --mesh $D/t.obj --size 8192 8192 --supersampling 8 --out $D/p.png", 2,
            "--size 8192 8192 at --supersampling 8 is 65536 samples per side", List.of("p.png")));
        c.add(new Case("render: --views --panel-size 4096 --supersampling 8 is refused before drawing",
            BadInputSweepTest::triangle,
            "render --mesh $D/t.obj --views --panel-size 4096 --supersampling 8 --out $D/p.png", 2,
            "--panel-size 4096 at --supersampling 8 needs", List.of("p.png")));
        c.add(new Case("reconstruct: a photo more than the heap can read is refused before the model runs",
            d -> png(d.resolve("big.png"), 2000, 1500), "reconstruct --model twohand:$M -o $D/out $D/big.png", 2,
            "big.png: image is 2000x1500 pixels, more than the 1677721 that can be read: the 64 MB Java heap",
            List.of("out"), 64L << 20));
        c.add(new Case("reconstruct: a photo too large for full-size pictures gets smaller pictures",
            d -> png(d.resolve("big.png"), 2000, 1500), "reconstruct --model twohand:$M -o $D/out $D/big.png", 0, "",
            List.of(), 256L << 20));
        c.add(new Case("render: over a photo the heap cannot draw at full size is refused",
            d -> {
                triangle(d);
                png(d.resolve("photo.png"), 2000, 1500);
                Files.writeString(d.resolve("cam.json"), "{\"focal\": [1000, 1000], \"princpt\": [1000, 750]}");
            },
            "render --mesh $D/t.obj --image $D/photo.png --camera $D/cam.json --out $D/p.png", 2,
            "the photo's 2000x1500 pixels at --supersampling 2 needs", List.of("p.png"), 256L << 20));
        // 5: bad usage is exit 2, not an internal error
        c.add(new Case("reconstruct: -o under /proc", NOTHING, "reconstruct --model twohand:$M -o /proc/ambidex/x $H",
            2, "/proc/ambidex/x: cannot create the output folder", List.of()));
        c.add(new Case("reconstruct: -o naming an existing file", d -> Files.writeString(d.resolve("f"), "x"),
            "reconstruct --model twohand:$M -o $D/f $H", 2, "f: is a file; expected an output folder", List.of()));
        c.add(new Case("demo: -o naming an existing file", d -> Files.writeString(d.resolve("f"), "x"),
            "demo --model twohand:$M -o $D/f", 2, "f: is a file; expected an output folder", List.of()));
        c.add(new Case("train: --batch-size 0", NOTHING,
            "train --arch twohand --data $D/none --out $D/run --batch-size 0", 2, "must be positive", List.of("run")));
        c.add(new Case("train: --warmup-steps -1", NOTHING,
            "train --arch twohand --data $D/none --out $D/run --warmup-steps -1", 2,
            "--warmup-steps must not be negative, got -1", List.of("run")));
        // 6: bad input that was accepted silently
        c.add(new Case("reconstruct: a truncated JPEG",
            d -> HostileInputs.write(d.resolve("cut.jpg"), half(HostileInputs.noiseJpeg(320, 240))),
            "reconstruct --model twohand:$M -o $D/out $D/cut.jpg", 2, "cut.jpg: the image data ends early",
            List.of("out/cut.json", "out/cut_overlay.png")));
        c.add(new Case("reconstruct: a --bbox wholly outside the image", NOTHING,
            "reconstruct --model twohand:$M -o $D/out --bbox 500,500,50,50 $H", 2,
            "--bbox 500,500,50,50 lies entirely outside the image, which is 120x90 pixels", List.of("out")));
        c.add(new Case("reconstruct: a --bbox without area", NOTHING,
            "reconstruct --model twohand:$M -o $D/out --bbox 10,10,0,50 $H", 2, "has no area", List.of("out")));
        c.add(new Case("reconstruct: a model file with 64 corrupted bytes",
            d -> HostileInputs.write(d.resolve("bad.pt"), HostileInputs.corruptLargestEntry(model)),
            "reconstruct --model twohand:$D/bad.pt -o $D/out $H", 2, "is corrupt: its CRC-32 is", List.of("out")));
        c.add(new Case("inspect: a checkpoint with 64 corrupted bytes",
            d -> HostileInputs.write(d.resolve("bad.pt"), HostileInputs.corruptLargestEntry(model)),
            "inspect $D/bad.pt", 2, "is corrupt: its CRC-32 is", List.of()));
        // 8, 9: sets published whole; leftovers of killed runs removed
        c.add(new Case("reconstruct: a second run with other formats leaves no file of the first",
            d -> run("reconstruct --model twohand:$M -o $D/out --mesh-formats obj,glb $H", d),
            "reconstruct --model twohand:$M -o $D/out --mesh-formats ply $H", 0, "",
            List.of("out/hands_right.obj", "out/hands_left.obj", "out/hands_hands.glb")));
        c.add(new Case("reconstruct: a killed run's temporary files and unpublished set are removed",
            BadInputSweepTest::killedRunLeftovers, "reconstruct --model twohand:$M -o $D/out --no-images $H", 0, "",
            List.of("out/.hands.json.ambidex.part", "out/.old.json.1234567.part", "out/.hands.ambidex-set-77",
                "out/old.json")));
        c.add(new Case("synth: a killed run's spooled annotations do not block the next run",
            BadInputSweepTest::killedSynth, "synth --out $D/set --frames 1 --cameras 1 --hand-model $MANO --quiet", 0,
            "", List.of("set/annotations/train/.writing-1", "set/images/train/Capture9")));
        // 11: clear messages
        c.add(new Case("pose: a PyTorch model given as --model", d -> Files.writeString(d.resolve("p.json"), "{}"),
            "pose --model $M --params $D/p.json --out $D/o.json", 2, "is a PyTorch checkpoint, not a hand model",
            List.of("o.json")));
        c.add(new Case("inspect: an opcode meeting a value of the wrong type names no Java class",
            d -> HostileInputs.write(d.resolve("odd.pkl"), new byte[] {(byte) 0x80, 2, '}', 'K', 1, 'a', '.'}),
            "inspect $D/odd.pkl", 2, "odd.pkl: ", List.of()));
        c.add(new Case("reconstruct: a box outside names the box as given, not a Java record", d -> Files.writeString(
            d.resolve("boxes.json"), "{\"hands.png\": [-90, 10, 40.5, 40]}"),
            "reconstruct --model twohand:$M -o $D/out --boxes $D/boxes.json $H", 2,
            "the box [-90, 10, 40.5, 40] of", List.of("out")));
        return c.stream();
    }

    @BeforeAll
    static void makeModelAndPhoto() {
        model = TwoHandFixtures.tinyModel(shared);
        photo = TwoHandFixtures.handsPhoto(shared);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void keepsTheContract(Case c) throws IOException {
        c.maker().make(dir);
        CliRun run;
        if (c.heapBytes() > 0) {
            System.setProperty(MemoryBudget.HEAP_PROPERTY, Long.toString(c.heapBytes()));
            try {
                run = run(c.commandLine(), dir);
            } finally {
                System.clearProperty(MemoryBudget.HEAP_PROPERTY);
            }
        } else {
            run = run(c.commandLine(), dir);
        }
        assertThat(run.status()).as(c.name() + "\n" + run.err()).isEqualTo(c.status());
        if (c.status() == 0) {
            assertThat(run.err()).as(c.name()).isEmpty();
        } else {
            assertThat(run.errLines()).as(run.err()).isEqualTo(1);
            assertThat(run.err()).startsWith("ambidex: ").contains(c.stderr()).doesNotContain("\tat ")
                .doesNotContain("java.").doesNotContain("Bbox[").doesNotContain("ArrayList");
        }
        for (String path : c.absent()) {
            assertThat(dir.resolve(path)).as(c.name()).doesNotExist();
        }
        try (Stream<Path> all = Files.walk(dir)) {
            assertThat(all.map(p -> p.getFileName().toString())
                .filter(n -> n.endsWith(".part") || n.contains(".ambidex-set-") || n.startsWith(".writing-")))
                .as("leftovers of " + c.name()).isEmpty();
        }
    }

    @org.junit.jupiter.api.Test
    void picturesOfAPhotoTooLargeForTheHeapAreDrawnSmallerAndTheResultStaysInPhotoPixels() throws IOException {
        png(dir.resolve("big.png"), 2000, 1500);
        System.setProperty(MemoryBudget.HEAP_PROPERTY, Long.toString(256L << 20));
        CliRun run;
        try {
            run = run("reconstruct --model twohand:$M -o $D/out $D/big.png", dir);
        } finally {
            System.clearProperty(MemoryBudget.HEAP_PROPERTY);
        }
        assertThat(run.status()).as(run.err()).isZero();
        BufferedImage overlay = javax.imageio.ImageIO.read(dir.resolve("out/big_overlay.png").toFile());
        // 40% of 256 MB at 128 bytes a pixel: at most 838,860 pixels of the photo's 3,000,000
        assertThat((long) overlay.getWidth() * overlay.getHeight()).isBetween(800_000L, 838_860L);
        assertThat(overlay.getWidth() / (double) overlay.getHeight()).isCloseTo(2000 / 1500.0,
            org.assertj.core.data.Offset.offset(0.01));
        com.fasterxml.jackson.databind.JsonNode json = new com.fasterxml.jackson.databind.ObjectMapper()
            .readTree(dir.resolve("out/big.json").toFile());
        assertThat(json.get("cropBox").get(2).asDouble()).isEqualTo(2000.0);
    }

    static CliRun run(String commandLine, Path dir) {
        String[] args = Arrays.stream(commandLine.split(" "))
            .map(a -> a.replace("$D", dir.toString()).replace("$MANO", TwoHandFixtures.MANO.toString())
                .replace("$M", model.toString()).replace("$H", photo.toString()))
            .toArray(String[]::new);
        return CliRun.of(args);
    }

    private static void png(Path file, int w, int h) throws IOException {
        javax.imageio.ImageIO.write(new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB), "png", file.toFile());
    }

    private static byte[] half(byte[] bytes) {
        return Arrays.copyOf(bytes, bytes.length / 2);
    }

    private static void triangle(Path d) throws IOException {
        Files.writeString(d.resolve("t.obj"), "v 0 0 1\nv 0.1 0 1\nv 0 0.1 1\nf 1 2 3\n");
    }

    /** What kill -9 leaves: AtomicOutput's temporary files, and a staged set without its journal. */
    private static void killedRunLeftovers(Path d) throws IOException {
        Path out = Files.createDirectories(d.resolve("out"));
        Files.writeString(out.resolve(".hands.json.ambidex.part"), "half a fi");
        Files.writeString(out.resolve(".old.json.1234567.part"), "half a fi");
        Path staged = Files.createDirectories(out.resolve(".hands.ambidex-set-77"));
        Files.writeString(staged.resolve("old.json"), "{}");
        Files.writeString(staged.resolve(".lock"), "");
    }

    /** What a synth killed part way leaves: images and a spooled annotation folder, but no annotation file. */
    private static void killedSynth(Path d) throws IOException {
        Path spool = Files.createDirectories(d.resolve("set/annotations/train/.writing-1"));
        Files.writeString(spool.resolve("images.json"), "{\"images\": [");
        Files.createDirectories(d.resolve("set/images/train/Capture9"));
        Files.write(d.resolve("set/images/train/Capture9/image0.jpg"), new byte[10]);
    }
}
