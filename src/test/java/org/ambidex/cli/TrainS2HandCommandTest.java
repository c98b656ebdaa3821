package org.ambidex.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.ambidex.PlanarImages;
import org.ambidex.hand.HandModelLoader;
import org.ambidex.hand.HandSide;
import org.ambidex.io.NdArray;
import org.ambidex.io.torch.Checkpoints;
import org.ambidex.nets.PyTorch;
import org.ambidex.nets.s2hand.S2HandCheckpoint;
import org.ambidex.nets.s2hand.S2HandModel;
import org.ambidex.pipeline.FinderKeypoints;
import org.ambidex.train.TrainLoop;
import org.ambidex.train.s2hand.S2HandExample;
import org.ambidex.train.s2hand.S2HandPilot;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ambidex train --arch s2hand} on a tiny FreiHAND folder: six 224-pixel right-hand crops of the example
 * renders as {@code training/rgb/%08d.jpg} with their cameras, and a keypoint file in the format
 * {@code ambidex keypoints} writes (the annotated joints, confidence 0.9; the last image with no hand found). One
 * image is held out, four train in two steps of two. A run stopped after one step and resumed ends with the same
 * weights, bit for bit, as a straight run, and its final weights run through {@code predict --model s2hand:}; bad
 * input is refused in one line.
 */
class TrainS2HandCommandTest {

    private static final Pattern MEAN_LOSS = Pattern.compile("mean loss ([^,\\s]+)");

    @TempDir
    static Path dir;

    static Path freiHand;
    static Path keypoints;

    @BeforeAll
    static void writeFreiHandFolder() throws IOException {
        List<S2HandExample> crops = S2HandPilot.rightHandCrops(Path.of("examples"), "train").subList(0, 6);
        freiHand = dir.resolve("freihand");
        Path rgb = Files.createDirectories(freiHand.resolve("training").resolve("rgb"));
        List<String> ks = new ArrayList<>();
        List<double[]> points = new ArrayList<>();
        List<double[]> confidences = new ArrayList<>();
        for (int i = 0; i < crops.size(); i++) {
            S2HandExample e = crops.get(i);
            ImageIO.write(PlanarImages.rgb(e.chw(), 0, 224), "jpg",
                rgb.resolve(String.format(Locale.ROOT, "%08d.jpg", i)).toFile());
            ks.add(String.format(Locale.ROOT, "[[%s,0,%s],[0,%s,%s],[0,0,1]]", e.intrinsics().fx(),
                e.intrinsics().cx(), e.intrinsics().fy(), e.intrinsics().cy()));
            boolean found = i < crops.size() - 1;
            points.add(found ? e.keypoints() : new double[42]);
            double[] c = new double[21];
            java.util.Arrays.fill(c, found ? 0.9 : 0);
            confidences.add(c);
        }
        Files.writeString(freiHand.resolve("training_K.json"), "[" + String.join(",", ks) + "]");
        String joints = "[" + String.join(",", Collections.nCopies(21, "[0,0,0.5]")) + "]";
        Files.writeString(freiHand.resolve("training_xyz.json"),
            "[" + String.join(",", Collections.nCopies(crops.size(), joints)) + "]");
        keypoints = dir.resolve("detect_all.json");
        Files.writeString(keypoints, new FinderKeypoints.Result(points, confidences).s2handJson());
    }

    private static CliRun train(Path out, String... more) {
        List<String> args = new ArrayList<>(List.of("--quiet", "train", "--arch", "s2hand", "--data",
            freiHand.toString(), "--keypoints", keypoints.toString(), "--out", out.toString(), "--hand-model", "open",
            "--epochs", "1", "--batch-size", "2", "--max-val-samples", "1", "--seed", "3", "--threads", "2"));
        args.addAll(List.of(more));
        return CliRun.of(args.toArray(String[]::new));
    }

    @Test
    void aResumedRunEndsWithTheStraightRunsWeights() {
        Path straight = dir.resolve("straight");
        CliRun a = train(straight);
        assertThat(a.status()).as(a.err()).isZero();
        assertThat(a.out()).contains("finished: 2 steps");
        assertThat(a.err()).contains("1 of 6 images left out: 0 without an entry in", "1 where no hand was found")
            .contains("on 4 images (training)").contains("keypoints_px");
        Matcher loss = MEAN_LOSS.matcher(a.err());
        assertThat(loss.find()).as(a.err()).isTrue();
        assertThat(Double.parseDouble(loss.group(1))).isFinite().isPositive();
        System.out.println("s2hand CLI, straight run: " + a.err().lines().filter(l -> l.startsWith("epoch")).toList());

        Path resumed = dir.resolve("resumed");
        CliRun first = train(resumed, "--stop-after-steps", "1");
        assertThat(first.status()).as(first.err()).isZero();
        assertThat(first.out()).contains("stopped at step 1 of 2");
        assertThat(resumed.resolve(TrainLoop.CHECKPOINT)).exists();
        assertThat(resumed.resolve("texturehand.t7")).doesNotExist();
        Map<String, NdArray> afterOne = Checkpoints.read(resumed.resolve(TrainLoop.CHECKPOINT)).select("network")
            .allTensors();
        CliRun second = train(resumed);
        assertThat(second.status()).as(second.err()).isZero();
        assertThat(second.err()).contains("resuming from step 1 of 2");
        assertThat(second.out()).contains("finished: 2 steps");

        Map<String, NdArray> one = Checkpoints.read(straight.resolve(TrainLoop.CHECKPOINT)).select("network")
            .allTensors();
        Map<String, NdArray> two = Checkpoints.read(resumed.resolve(TrainLoop.CHECKPOINT)).select("network")
            .allTensors();
        assertThat(two.keySet()).isEqualTo(one.keySet());
        one.forEach((k, v) -> assertThat(two.get(k).toCOrder().bytes()).as(k).isEqualTo(v.toCOrder().bytes()));
        // The second step moved the weights, so the equality above is that of two trained networks.
        assertThat(one.keySet().stream().filter(k -> !java.util.Arrays.equals(afterOne.get(k).toCOrder().bytes(),
            one.get(k).toCOrder().bytes())).count()).isPositive();

        // The final weights, in the published layout, load as the network S2HAND's inference opens.
        S2HandCheckpoint model = S2HandCheckpoint.read(straight.resolve("texturehand.t7"));
        assertThat(model.epoch()).contains(1L);
        // The keypoint stage has no heat-map branch: the file has none (the run's checkpoint carries it unchanged).
        assertThat(model.hasHeatmapBranch()).isFalse();
        assertThat(model.weights().tensors()).hasSize((int) one.keySet().stream()
            .filter(k -> !k.startsWith("module.rgb2hm.")).count());
        model.weights().tensors().forEach((k, v) -> assertThat(v.toCOrder().bytes()).as(k)
            .isEqualTo(one.get("module." + k).toCOrder().bytes()));
        try (S2HandModel loaded = S2HandModel.fromCheckpoint(model,
            HandModelLoader.resolve("open", HandSide.RIGHT, false))) {
            assertThat(loaded.source()).endsWith("texturehand.t7");
        }
        CliRun predict = CliRun.of("--quiet", "predict", "--data", freiHand.toString(), "--split", "training",
            "--model", "s2hand:" + straight.resolve("texturehand.t7"), "--hand-model",
            PredictFreiHandS2HandTest.MANO_DIR.toString(), "--out", dir.resolve("pred.json").toString());
        assertThat(predict.status()).as(predict.err()).isZero();
        assertThat(CliRun.of("models").out()).contains("train --arch s2hand");
    }

    @Test
    void theFinalWeightsLoadIntoTheGeneratorsModulesStrictly() throws IOException {
        PyTorch.assumeAvailable(false);
        Path run = dir.resolve("for-torch");
        CliRun r = train(run, "--val-split", "none");
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.err()).contains("no validation");
        // Every name and shape of the three parts, as the reference's loader loads them (load_state_dict, strict).
        PyTorch.scriptAt(Path.of("src/test/python/s2hand_reference.py"), "load", run.resolve("texturehand.t7")
            .toString());
    }

    @Test
    void publishedWeightsNeedTheOfficialMano() {
        Path out = dir.resolve("init-open");
        CliRun r = train(out, "--init", dir.resolve("texturehand_freihand.t7").toString());
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.errLines()).as(r.err()).isEqualTo(1);
        assertThat(r.err()).contains("--hand-model open", "official MANO_RIGHT.pkl");
        assertThat(out).doesNotExist();
    }

    @Test
    void withoutKeypointsItSaysHowToMakeThem() {
        Path out = dir.resolve("none");
        CliRun r = CliRun.of("--quiet", "train", "--arch", "s2hand", "--data", freiHand.toString(), "--out",
            out.toString(), "--batch-size", "2");
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.errLines()).as(r.err()).isEqualTo(1);
        assertThat(r.err()).contains("ambidex keypoints --data " + freiHand, "--keypoints FILE.json");
        assertThat(out).doesNotExist();
    }

    @Test
    void aKeypointFileOfOtherImagesIsRefused() throws IOException {
        List<double[]> points = new ArrayList<>();
        List<double[]> confidences = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            points.add(new double[42]);
            confidences.add(new double[21]);
        }
        Path other = dir.resolve("other.json");
        Files.writeString(other, new FinderKeypoints.Result(points, confidences).s2handJson());
        Path out = dir.resolve("other");
        CliRun r = CliRun.of("--quiet", "train", "--arch", "s2hand", "--data", freiHand.toString(), "--keypoints",
            other.toString(), "--out", out.toString(), "--batch-size", "2");
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.errLines()).as(r.err()).isEqualTo(1);
        assertThat(r.err()).contains("other.json", "has keypoints for 8 images", "has 6");
        assertThat(out).doesNotExist();

        CliRun internet = CliRun.of("--quiet", "train", "--arch", "internet", "--data", freiHand.toString(),
            "--keypoints", keypoints.toString(), "--out", out.toString());
        assertThat(internet.status()).isEqualTo(2);
        assertThat(internet.err()).contains("internet does not train from a keypoint file");
    }

    /**
     * The kp stage (the reference's SSL-kp) trains the heat-map branch alone: its validation is the branch's joint
     * error, its file carries {@code rgb2hm} beside 3-D modules that did not move, and every part loads into the
     * generator's modules strictly, the branch included.
     */
    @Test
    void theKpStageTrainsAndWritesTheHeatmapBranch() throws IOException {
        Path run = dir.resolve("kp");
        CliRun r = train(run, "--stage", "kp");
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.err()).contains("kp stage").contains("heatmap_px").doesNotContain("keypoints_px");
        System.out.println("s2hand CLI, kp stage: " + r.err().lines().filter(l -> l.startsWith("epoch")).toList());
        S2HandCheckpoint model = S2HandCheckpoint.read(run.resolve("texturehand.t7"));
        assertThat(model.hasHeatmapBranch()).isTrue();
        try (S2HandModel fresh = S2HandModel.initialised(HandModelLoader.resolve("open", HandSide.RIGHT, false), 3)) {
            Map<String, NdArray> start = org.ambidex.nets.WeightImport.export(fresh.network());
            long moved3d = model.weights().tensors().entrySet().stream().filter(e -> !S2HandCheckpoint
                .isHeatmapBranch(e.getKey()) && !java.util.Arrays.equals(e.getValue().toCOrder().bytes(),
                start.get(e.getKey()).toCOrder().bytes())).count();
            long movedBranch = model.weights().tensors().entrySet().stream().filter(e -> S2HandCheckpoint
                .isHeatmapBranch(e.getKey()) && !java.util.Arrays.equals(e.getValue().toCOrder().bytes(),
                start.get(e.getKey()).toCOrder().bytes())).count();
            assertThat(moved3d).as("3-D tensors that moved").isZero();
            assertThat(movedBranch).as("heat-map tensors that moved").isPositive();
        }
        PyTorch.assumeAvailable(false);
        PyTorch.scriptAt(Path.of("src/test/python/s2hand_reference.py"), "load", run.resolve("texturehand.t7")
            .toString());
    }

    @Test
    void anUnknownStageAndARenderingStageWithoutManoAreRefused() {
        Path out = dir.resolve("stage");
        CliRun unknown = CliRun.of("--quiet", "train", "--arch", "s2hand", "--data", freiHand.toString(),
            "--keypoints", keypoints.toString(), "--out", out.toString(), "--stage", "heatmaps", "--batch-size", "2");
        assertThat(unknown.status()).isEqualTo(2);
        assertThat(unknown.errLines()).as(unknown.err()).isEqualTo(1);
        assertThat(unknown.err()).contains("--stage: 'heatmaps'", "keypoints, shape, kp, finetune or e2e");
        CliRun open = CliRun.of("--quiet", "train", "--arch", "s2hand", "--data", freiHand.toString(), "--keypoints",
            keypoints.toString(), "--out", out.toString(), "--stage", "e2e", "--hand-model", "open",
            "--batch-size", "2");
        assertThat(open.status()).isEqualTo(2);
        assertThat(open.errLines()).as(open.err()).isEqualTo(1);
        assertThat(open.err()).contains("--stage e2e", "1538 faces", "MANO_RIGHT.pkl");
        assertThat(out).doesNotExist();
    }
}
