package org.ambidex.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.ambidex.data.Bbox;
import org.ambidex.data.HandType;
import org.ambidex.data.ManoPair;
import org.ambidex.data.interhand.InterHandDataset;
import org.ambidex.data.interhand.InterHandFilter;
import org.ambidex.data.interhand.InterHandWriter;
import org.ambidex.eval.GroundTruthSample;
import org.ambidex.eval.HandPrediction;
import org.ambidex.eval.HandTruth;
import org.ambidex.eval.InterHandGroundTruth;
import org.ambidex.eval.Prediction;
import org.ambidex.eval.PredictionsWriter;
import org.ambidex.geom.Camera;
import org.ambidex.geom.Intrinsics;
import org.ambidex.geom.Vec3;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end: a synthetic InterHand2.6M-format set is written, its ground truth perturbed by a known amount, and
 * {@code ambidex eval} must report exactly that amount.
 */
class EvalCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    /** Six frames (2 right, 2 left, 2 interacting), random hands 1 m in front of a camera at the origin. */
    private Path writeSet() {
        Path root = dir.resolve("ih");
        SplittableRandom random = new SplittableRandom(8);
        HandType[] types = {HandType.RIGHT, HandType.LEFT, HandType.INTERACTING, HandType.RIGHT, HandType.LEFT,
            HandType.INTERACTING};
        try (InterHandWriter w = InterHandWriter.create(root, "test")) {
            w.addCamera(0, "400001", Camera.atOrigin(new Intrinsics(1200, 1200, 256, 192)));
            for (int f = 0; f < types.length; f++) {
                double[] world = new double[126];
                for (int j = 0; j < 42; j++) {
                    world[3 * j] = (j < 21 ? 0.06 : -0.06) + random.nextDouble(-0.05, 0.05);
                    world[3 * j + 1] = random.nextDouble(-0.05, 0.05);
                    world[3 * j + 2] = 1.0 + random.nextDouble(-0.05, 0.05);
                }
                boolean[] valid = new boolean[42];
                for (int j = 0; j < 42; j++) {
                    valid[j] = types[f].has(j / 21);
                }
                w.addFrame(0, f, new InterHandWriter.Frame(world, valid, types[f], ManoPair.NONE));
                w.addImage(0, "seq", "400001", f, 512, 384, new Bbox(100, 100, 200, 200), valid, types[f], true);
            }
        }
        return root;
    }

    private static double[] perturbed(double[] joints, SplittableRandom random, double mm, boolean keepWrist) {
        double[] out = joints.clone();
        for (int j = keepWrist ? 1 : 0; j < 21; j++) {
            // A random direction, exactly `mm` long.
            Vec3 d = new Vec3(random.nextGaussian(), random.nextGaussian(), random.nextGaussian()).normalized()
                .times(mm / 1000);
            out[3 * j] += d.x();
            out[3 * j + 1] += d.y();
            out[3 * j + 2] += d.z();
        }
        return out;
    }

    private List<GroundTruthSample> truth(Path root) {
        List<GroundTruthSample> out = new ArrayList<>();
        try (InterHandDataset ds = InterHandDataset.open(root, InterHandFilter.all("test"))) {
            for (int i = 0; i < ds.size(); i++) {
                out.add(InterHandGroundTruth.of(ds.get(i)));
            }
        }
        return out;
    }

    private JsonNode run(Path root, Path pred, String... extra) throws IOException {
        Path out = dir.resolve("out");
        List<String> args = new ArrayList<>(List.of("eval", "--data", root.toString(), "--split", "test", "--pred",
            pred.toString(), "--out", out.toString()));
        args.addAll(List.of(extra));
        CliRun r = CliRun.of(args.toArray(String[]::new));
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(out.resolve("report.md")).exists();
        assertThat(out.resolve("pck.png")).exists();
        assertThat(out.resolve("per_joint.png")).exists();
        assertThat(Files.readAllBytes(out.resolve("pck.png"))).startsWith(0x89, 'P', 'N', 'G');
        assertThat(r.out()).contains("interacting");
        return JSON.readTree(out.resolve("report.json").toFile());
    }

    private static double mm(JsonNode report, String table, String split, String hand) {
        for (JsonNode t : report.get("tables")) {
            if (t.get("key").asText().equals(table)) {
                return t.get("values").get(split).get(hand).asDouble() * 1000;
            }
        }
        throw new AssertionError("no table " + table);
    }

    @Test
    void fiveMillimetresOnEveryJointButTheWristGiveTwentyTwentyFirstsOfFiveUnderInterHand() throws IOException {
        Path root = writeSet();
        SplittableRandom random = new SplittableRandom(3);
        List<Prediction> preds = new ArrayList<>();
        for (GroundTruthSample g : truth(root)) {
            HandPrediction[] hands = new HandPrediction[2];
            for (int h = 0; h < 2; h++) {
                HandTruth t = g.hand(h);
                if (t != null) {
                    hands[h] = new HandPrediction(perturbed(t.joints(), random, 5, true), null, 0.9, null);
                }
            }
            preds.add(new Prediction(g.id(), hands[0], hands[1], null));
        }
        Path pred = dir.resolve("pred.json");
        PredictionsWriter.write(pred, Map.of("model", "perturbed ground truth"), preds);
        JsonNode report = run(root, pred, "--protocol", "interhand");
        // Wrist-aligned: the wrist is exact, the 20 other joints 5 mm off: mean of per-joint means = 5 * 20 / 21.
        for (String split : List.of("single", "interacting", "all")) {
            for (String hand : List.of("left", "right", "both")) {
                assertThat(mm(report, "mpjpe", split, hand)).as(split + " " + hand)
                    .isCloseTo(5.0 * 20 / 21, within(1e-6));
            }
        }
        assertThat(report.get("counts").get("evaluated_samples").asLong()).isEqualTo(6);
        assertThat(report.get("counts").get("interacting_samples").asLong()).isEqualTo(2);
        assertThat(report.get("unit").asText()).isEqualTo("m");
        String md = Files.readString(dir.resolve("out/report.md"));
        assertThat(md).contains("| frames | left | right | both |").contains("| interacting | 4.76 | 4.76 | 4.76 |");
    }

    @Test
    void aShiftOfTheLeftHandIsTheMrrpeAndInvisibleToRootAlignedErrors() throws IOException {
        Path root = writeSet();
        List<Prediction> preds = new ArrayList<>();
        for (GroundTruthSample g : truth(root)) {
            double[] right = g.right() == null ? null : g.right().joints();
            double[] left = g.left() == null ? null : g.left().joints();
            if (left != null) {
                for (int j = 0; j < 21; j++) {
                    left[3 * j] += 0.003;
                    left[3 * j + 2] -= 0.004;
                }
            }
            preds.add(new Prediction(g.id(), right == null ? null : HandPrediction.ofJoints(right),
                left == null ? null : HandPrediction.ofJoints(left), null));
        }
        Path pred = dir.resolve("pred.json");
        PredictionsWriter.write(pred, Map.of(), preds);
        JsonNode report = run(root, pred, "--protocol", "interhand");
        assertThat(mm(report, "mpjpe", "all", "both")).isCloseTo(0, within(1e-6));
        JsonNode mrrpe = null;
        for (JsonNode s : report.get("scalars")) {
            if (s.get("key").asText().equals("mrrpe")) {
                mrrpe = s;
            }
        }
        assertThat(mrrpe.get("value").asDouble() * 1000).isCloseTo(5, within(1e-6));
        assertThat(mrrpe.get("count").asLong()).isEqualTo(2);
        // Under DIR (wrist root, length scaling), a pure shift is invisible too, and the root error is the shift.
        JsonNode dirReport = run(root, pred, "--protocol", "dir");
        assertThat(mm(dirReport, "mpjpe", "all", "both")).isCloseTo(0, within(1e-6));
    }

    @Test
    void badPredictionsGiveOneLineAndExitStatusTwo() throws IOException {
        Path root = writeSet();
        Path pred = dir.resolve("bad.json");
        Files.writeString(pred, "{\"format\":\"something/else\",\"samples\":[]}");
        CliRun r = CliRun.of("eval", "--protocol", "interhand", "--data", root.toString(), "--split", "test",
            "--pred", pred.toString(), "--out", dir.resolve("o").toString());
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.errLines()).isEqualTo(1);
        assertThat(r.err()).contains("bad.json").contains("format");
        assertThat(dir.resolve("o/report.json")).doesNotExist();
    }

    @Test
    void freiHandFolderAndPredJsonThroughTheCommand() throws IOException {
        Path fh = dir.resolve("freihand");
        Files.createDirectories(fh);
        StringBuilder xyz = new StringBuilder("[");
        StringBuilder pred = new StringBuilder("[[");
        StringBuilder k = new StringBuilder("[");
        for (int s = 0; s < 3; s++) {
            StringBuilder gt = new StringBuilder("[");
            StringBuilder pr = new StringBuilder("[");
            for (int j = 0; j < 21; j++) {
                double x = 0.01 * j + 0.001 * s;
                double y = 0.003 * (j % 5);
                double z = 0.6 + 0.002 * (j % 3);
                gt.append(j == 0 ? "" : ",").append('[').append(x).append(',').append(y).append(',').append(z).append(']');
                // 2 mm off in y everywhere.
                pr.append(j == 0 ? "" : ",").append('[').append(x).append(',').append(y + 0.002).append(',').append(z)
                    .append(']');
            }
            xyz.append(s == 0 ? "" : ",").append(gt).append(']');
            pred.append(s == 0 ? "" : ",").append(pr).append(']');
            k.append(s == 0 ? "" : ",").append("[[500,0,112],[0,500,112],[0,0,1]]");
        }
        Files.writeString(fh.resolve("evaluation_xyz.json"), xyz.append(']').toString());
        Files.writeString(fh.resolve("evaluation_K.json"), k.append(']').toString());
        Path predFile = dir.resolve("pred.json");
        Files.writeString(predFile, pred.append("],[[[0,0,0]],[[0,0,0]],[[0,0,0]]]]").toString());
        Path out = dir.resolve("fh-out");
        CliRun r = CliRun.of("eval", "--protocol", "freihand", "--data", fh.toString(), "--split", "evaluation",
            "--pred", predFile.toString(), "--out", out.toString());
        assertThat(r.status()).as(r.err()).isZero();
        JsonNode report = JSON.readTree(out.resolve("report.json").toFile());
        assertThat(mm(report, "mpjpe", "single", "right")).isCloseTo(2, within(1e-6));
        assertThat(mm(report, "pa_mpjpe", "single", "right")).isLessThan(1e-4);
        assertThat(report.get("counts").get("evaluated_samples").asLong()).isEqualTo(3);
        assertThat(r.out()).contains("PA-MPJPE");
    }

    /** The synthetic MANO-format models (random values, MANO structure). */
    private static Path manoFolder() {
        try {
            return Path.of(EvalCommandTest.class.getResource("/fixtures/mano-format/MANO_RIGHT.pkl").toURI())
                .getParent();
        } catch (java.net.URISyntaxException e) {
            throw new AssertionError(e);
        }
    }

    private static org.ambidex.data.ManoParams manoParams(SplittableRandom r) {
        double[] pose = new double[48];
        for (int i = 0; i < 48; i++) {
            pose[i] = r.nextDouble(-0.3, 0.3);
        }
        double[] shape = new double[10];
        for (int i = 0; i < 10; i++) {
            shape[i] = r.nextDouble(-1, 1);
        }
        return new org.ambidex.data.ManoParams(pose, shape, new double[] {r.nextDouble(-0.1, 0.1), 0, 1.0});
    }

    @Test
    void handModelRegressesGroundTruthFromManoAndCountsFramesWithoutIt() throws IOException {
        // Three interacting frames: both hands' MANO parameters, the right hand's only, both.
        Path root = dir.resolve("ih-mano");
        SplittableRandom random = new SplittableRandom(21);
        List<ManoPair> params = new ArrayList<>();
        try (InterHandWriter w = InterHandWriter.create(root, "test")) {
            w.addCamera(0, "400001", Camera.atOrigin(new Intrinsics(1200, 1200, 256, 192)));
            for (int f = 0; f < 3; f++) {
                double[] world = new double[126];
                for (int j = 0; j < 42; j++) {
                    world[3 * j] = random.nextDouble(-0.05, 0.05);
                    world[3 * j + 2] = 1.0;
                }
                boolean[] valid = new boolean[42];
                java.util.Arrays.fill(valid, true);
                ManoPair mano = new ManoPair(manoParams(random), f == 1 ? null : manoParams(random));
                params.add(mano);
                w.addFrame(0, f, new InterHandWriter.Frame(world, valid, HandType.INTERACTING, mano));
                w.addImage(0, "seq", "400001", f, 512, 384, new Bbox(100, 100, 200, 200), valid, HandType.INTERACTING,
                    true);
            }
        }
        // The predictions are the MANO ground truth itself (the camera sits at the world origin).
        org.ambidex.hand.HandModel right = org.ambidex.hand.HandModelLoader.load(manoFolder(),
            org.ambidex.hand.HandSide.RIGHT, true);
        org.ambidex.hand.HandModel left = org.ambidex.hand.HandModelLoader.load(manoFolder(),
            org.ambidex.hand.HandSide.LEFT, true);
        List<Prediction> preds = new ArrayList<>();
        List<GroundTruthSample> truth = truth(root);
        try (org.ambidex.eval.ManoGroundTruth mano = new org.ambidex.eval.ManoGroundTruth(right, left)) {
            for (int f = 0; f < 3; f++) {
                org.ambidex.eval.ManoTruth t = mano.compute(params.get(f));
                HandPrediction[] hands = new HandPrediction[2];
                for (int h = 0; h < 2; h++) {
                    org.ambidex.eval.ManoHand m = t.hand(h) != null ? t.hand(h) : t.hand(1 - h);
                    hands[h] = new HandPrediction(m.skeletonJoints(), m.vertices(), 1, null);
                }
                preds.add(new Prediction(truth.get(f).id(), hands[0], hands[1], null));
            }
        }
        Path pred = dir.resolve("pred.json");
        PredictionsWriter.write(pred, Map.of("model", "MANO ground truth"), preds);

        JsonNode zhang = run(root, pred, "--protocol", "zhang", "--hand-model", manoFolder().toString());
        assertThat(mm(zhang, "mpjpe", "all", "both")).isCloseTo(0, within(1e-6));
        assertThat(mm(zhang, "mpvpe", "all", "both")).isCloseTo(0, within(1e-6));
        assertThat(zhang.get("counts").get("evaluated_samples").asLong()).isEqualTo(3);
        assertThat(zhang.get("counts").get("hands_without_mano").asLong()).isEqualTo(1);
        assertThat(Files.readString(dir.resolve("out/report.md"))).contains("| hands without MANO parameters | 1 |")
            .contains("regressed from MANO parameters with hand model");

        JsonNode intag = run(root, pred, "--protocol", "intaghand", "--hand-model", manoFolder().toString());
        assertThat(intag.get("counts").get("evaluated_samples").asLong()).isEqualTo(2);
        assertThat(intag.get("counts").get("samples_without_mano").asLong()).isEqualTo(1);
        // Skeleton joints were given, but IntagHand regresses the joints from the predicted meshes.
        assertThat(mm(intag, "mpjpe", "all", "both")).isCloseTo(0, within(1e-6));

        JsonNode annotated = run(root, pred, "--protocol", "intaghand");
        assertThat(annotated.get("counts").get("samples_without_mano").asLong()).isZero();
        assertThat(mm(annotated, "mpjpe", "all", "both")).isGreaterThan(1);
        assertThat(Files.readString(dir.resolve("out/report.md"))).contains("Ground truth: the dataset's annotated joints");

        CliRun wrong = CliRun.of("eval", "--protocol", "interhand", "--data", root.toString(), "--split", "test",
            "--pred", pred.toString(), "--out", dir.resolve("o").toString(), "--hand-model", manoFolder().toString());
        assertThat(wrong.status()).isEqualTo(2);
        assertThat(wrong.err()).contains("--hand-model applies to");
    }

    private static final Path HAND2D = Path.of("src/test/resources/fixtures/hand2d");

    @Test
    void hand2dScoresACocoWholeBodyFileAsTheReference() throws IOException {
        Path out = dir.resolve("h2d");
        CliRun r = CliRun.of("eval", "--protocol", "hand2d", "--data", HAND2D.resolve("wholebody.json").toString(),
            "--pred", HAND2D.resolve("wholebody_pred.json").toString(), "--out", out.toString());
        assertThat(r.status()).as(r.err()).isZero();
        JsonNode report = JSON.readTree(out.resolve("report.json").toFile());
        JsonNode expected = JSON.readTree(HAND2D.resolve("expected_wholebody.json").toFile()).get("groups");
        assertThat(report.get("protocol").asText()).isEqualTo("hand2d");
        assertThat(report.get("provenance").get("data_format").asText()).isEqualTo("coco-wholebody");
        for (JsonNode scalar : report.get("scalars")) {
            String key = scalar.get("key").asText();
            if (key.equals("pck") || key.equals("auc") || key.equals("epe")) {
                assertThat(scalar.get("value").asDouble()).as(key)
                    .isCloseTo(expected.get("all").get(key).asDouble(), within(1e-9));
            }
        }
        JsonNode perJoint = report.get("per_joint");
        assertThat(perJoint.get(0).get("key").asText()).isEqualTo("epe");
        assertThat(perJoint.get(1).get("both")).hasSize(21);
        assertThat(report.get("counts").get("samples_outside_protocol").asLong()).isEqualTo(4);
        assertThat(Files.readAllBytes(out.resolve("pck.png"))).startsWith(0x89, 'P', 'N', 'G');
        assertThat(Files.readAllBytes(out.resolve("per_joint.png"))).startsWith(0x89, 'P', 'N', 'G');
        String md = Files.readString(out.resolve("report.md"));
        assertThat(md).contains("PCK@0.2, box-normalised").contains("| joint | all | left | right |")
            .contains("4 COCO-WholeBody hands are marked invalid");
        assertThat(r.out()).contains("EPE, mean keypoint distance: ").contains(" px");
    }

    @Test
    void hand2dOnAPlainFileWithTheWholeImageAsTheBox() throws IOException {
        Path out = dir.resolve("h2d-image");
        CliRun r = CliRun.of("eval", "--protocol", "hand2d", "--data", HAND2D.resolve("plain.json").toString(),
            "--pred", HAND2D.resolve("plain_pred.json").toString(), "--out", out.toString(), "--hand-box", "image");
        assertThat(r.status()).as(r.err()).isZero();
        JsonNode report = JSON.readTree(out.resolve("report.json").toFile());
        double pck = JSON.readTree(HAND2D.resolve("expected_plain_image.json").toFile()).get("groups").get("all")
            .get("pck").asDouble();
        assertThat(report.get("scalars").get(0).get("value").asDouble()).isCloseTo(pck, within(1e-9));
        assertThat(report.get("provenance").get("options").asText()).isEqualTo("box image");
        assertThat(Files.readString(out.resolve("report.md"))).contains("| joint | all |\n");
    }

    @Test
    void theOptionsOfEachProtocolAreCheckedOnOneLine() throws IOException {
        String data = HAND2D.resolve("wholebody.json").toString();
        String pred = HAND2D.resolve("wholebody_pred.json").toString();
        String out = dir.resolve("o").toString();
        CliRun split = CliRun.of("eval", "--protocol", "hand2d", "--data", data, "--pred", pred, "--out", out,
            "--split", "test", "--hand-type", "single");
        assertThat(split.status()).isEqualTo(2);
        assertThat(split.errLines()).isEqualTo(1);
        assertThat(split.err()).contains("--split, --hand-type do not apply to the hand2d protocol");
        CliRun folder = CliRun.of("eval", "--protocol", "hand2d", "--data", dir.toString(), "--pred", pred, "--out",
            out);
        assertThat(folder.status()).isEqualTo(2);
        assertThat(folder.err()).contains("is a folder; the hand2d protocol expects --data to be a COCO-format");
        Path root = writeSet();
        CliRun noSplit = CliRun.of("eval", "--protocol", "interhand", "--data", root.toString(), "--pred", pred,
            "--out", out);
        assertThat(noSplit.status()).isEqualTo(2);
        assertThat(noSplit.err()).contains("--split is required for the interhand protocol");
        CliRun box = CliRun.of("eval", "--protocol", "interhand", "--data", root.toString(), "--split", "test",
            "--pred", pred, "--out", out, "--hand-box", "image");
        assertThat(box.status()).isEqualTo(2);
        assertThat(box.err()).contains("--hand-box applies to the hand2d protocol only");
        assertThat(dir.resolve("o/report.json")).doesNotExist();
    }

    @Test
    void twoDimensionalPredictionsAreRefusedByThreeDimensionalProtocols() throws IOException {
        Path root = writeSet();
        List<Prediction> preds = new ArrayList<>();
        for (GroundTruthSample g : truth(root)) {
            preds.add(new Prediction(g.id(), HandPrediction.of2d(new double[42], 0.9), null, null));
        }
        Path pred = dir.resolve("pred2d.json");
        PredictionsWriter.write(pred, Map.of(), preds);
        CliRun r = CliRun.of("eval", "--protocol", "intaghand", "--data", root.toString(), "--split", "test",
            "--pred", pred.toString(), "--out", dir.resolve("o").toString());
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.errLines()).isEqualTo(1);
        assertThat(r.err()).contains("pred2d.json").contains("hand gives only \"joints_2d\"; the intaghand protocol "
            + "needs 3-D \"joints\"");
    }
}
