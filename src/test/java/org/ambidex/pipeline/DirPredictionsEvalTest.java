package org.ambidex.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.ambidex.ExternalProcess;
import org.ambidex.data.Bbox;
import org.ambidex.data.HandType;
import org.ambidex.data.crop.IntagHandCrop;
import org.ambidex.eval.DirProtocol;
import org.ambidex.eval.EvalReport;
import org.ambidex.eval.Evaluator;
import org.ambidex.eval.GroundTruthSample;
import org.ambidex.eval.HandColumn;
import org.ambidex.eval.HandTruth;
import org.ambidex.eval.ManoHand;
import org.ambidex.eval.ManoJointRegressor;
import org.ambidex.eval.ManoTruth;
import org.ambidex.eval.PckThresholds;
import org.ambidex.eval.Prediction;
import org.ambidex.eval.PredictionsReader;
import org.ambidex.eval.PredictionsWriter;
import org.ambidex.eval.Split;
import org.ambidex.geom.Intrinsics;
import org.ambidex.hand.HandModel;
import org.ambidex.hand.HandModelLoader;
import org.ambidex.hand.HandSide;
import org.ambidex.io.NdArray;
import org.ambidex.io.numpy.Npz;
import org.ambidex.nets.PyTorch;
import org.ambidex.nets.dir.DirConfig;
import org.ambidex.nets.dir.DirModel;
import org.ambidex.nets.dir.DirPrediction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code eval --protocol dir} on a prediction file written from DIR's outputs (through {@link DirReconstructor}'s
 * one post-processing path, as {@code predict --model dir:} writes it) gives DIR's evaluation numbers for the same
 * outputs, computed by src/test/python/dir_eval_reference.py.
 */
class DirPredictionsEvalTest {

    private static final int SAMPLES = 4;
    private static final int V = 778;
    private static final Intrinsics K = new Intrinsics(600, 610, 128, 120);

    @TempDir
    Path tmp;

    @Test
    void wristRootedNumbersEqualTheReference() throws IOException {
        Map<String, Double> ref = run(0);
        EvalReport r = evaluate(0);
        compare(r, ref);
        assertThat(r.scalar("root_error").value()).isCloseTo(ref.get("root_error"), within(1e-12));
    }

    @Test
    void mcpRootedNumbersEqualTheReference() throws IOException {
        Map<String, Double> ref = run(9);
        EvalReport r = evaluate(9);
        compare(r, ref);
        // The reference moves its wrist-centred right mesh by the offset before taking the MCPs' difference.
        assertThat(r.scalar("root_error").value()).isCloseTo(ref.get("root_error"), within(1e-12));
    }

    private static void compare(EvalReport r, Map<String, Double> ref) {
        for (String metric : new String[] {"mpjpe", "mpvpe", "joint_2d", "vertex_2d"}) {
            for (HandColumn c : HandColumn.values()) {
                String key = metric + "_" + c.name().toLowerCase(java.util.Locale.ROOT);
                assertThat(r.table(metric).value(Split.ALL, c)).as(key).isCloseTo(ref.get(key),
                    within(1e-9 * Math.max(1, Math.abs(ref.get(key)))));
            }
        }
    }

    private HandModel[] models;
    private final double[][][] gt = new double[SAMPLES][2][];
    private final double[][][] pred = new double[SAMPLES][2][];
    private final double[][] offsets = new double[SAMPLES][];

    /** Random meshes about a MANO-format model's template, and DIR-like wrist-centred predictions of them. */
    private void makeData() {
        // MANO-format synthetic models (778 vertices, MANO's layout; not MANO's values)
        Path mano = Path.of("src/test/resources/fixtures/mano-format");
        models = new HandModel[] {HandModelLoader.load(mano, HandSide.RIGHT, false),
            HandModelLoader.load(mano, HandSide.LEFT, false)};
        ManoJointRegressor jr = new ManoJointRegressor(models[0], models[1]);
        SplittableRandom random = new SplittableRandom(7);
        for (int s = 0; s < SAMPLES; s++) {
            for (int h = 0; h < 2; h++) {
                double[] t = models[h].vTemplate().toDoubleArray();
                double[] g = new double[V * 3];
                double[] p = new double[V * 3];
                double[] shift = {h == 0 ? 0.05 : -0.05, 0.01 * s, 0.5 + 0.02 * s};
                // DIR's meshes are centred on the posed wrist of its own layer, not on the regressed joint 0
                double[] centre = {t[0] + 0.003, t[1] - 0.002, t[2] + 0.001};
                for (int i = 0; i < V * 3; i++) {
                    g[i] = t[i] + random.nextGaussian() * 0.002 + shift[i % 3];
                    p[i] = (t[i] - centre[i % 3]) * (1.05 + 0.02 * h) + random.nextGaussian() * 0.003;
                }
                gt[s][h] = g;
                pred[s][h] = p;
            }
            double[] wr = jr.joints(0, gt[s][0]);
            double[] wl = jr.joints(1, gt[s][1]);
            offsets[s] = new double[] {wr[0] - wl[0] + 0.004, wr[1] - wl[1] - 0.003, wr[2] - wl[2] + 0.006};
        }
    }

    private Map<String, Double> run(int root) throws IOException {
        PyTorch.assumeAvailable(false);
        makeData();
        Map<String, NdArray> in = new LinkedHashMap<>();
        String[] sides = {"right", "left"};
        for (int h = 0; h < 2; h++) {
            in.put("J_regressor_" + sides[h], models[h].jRegressor());
            in.put("gt_verts_" + sides[h], stack(gt, h));
            in.put("pred_verts_" + sides[h], stack(pred, h));
        }
        double[] o = new double[SAMPLES * 3];
        double[] cam = new double[SAMPLES * 9];
        for (int s = 0; s < SAMPLES; s++) {
            System.arraycopy(offsets[s], 0, o, 3 * s, 3);
            System.arraycopy(new double[] {K.fx(), 0, K.cx(), 0, K.fy(), K.cy(), 0, 0, 1}, 0, cam, 9 * s, 9);
        }
        in.put("offset", NdArray.ofDoubles(new int[] {SAMPLES, 3}, o));
        in.put("cam", NdArray.ofDoubles(new int[] {SAMPLES, 3, 3}, cam));
        Path npz = tmp.resolve("in.npz");
        Npz.write(npz, in, false);
        Path json = tmp.resolve("out.json");
        String error = ExternalProcess.run(List.of(PyTorch.PYTHON.toString(), "src/test/python/dir_eval_reference.py",
            npz.toString(), Integer.toString(root), json.toString()), Map.of(), 300);
        assertThat(error).isEmpty();
        Map<String, Double> out = new LinkedHashMap<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"(\\w+)\": ([-0-9.eE+]+)")
            .matcher(Files.readString(json));
        while (m.find()) {
            out.put(m.group(1), Double.parseDouble(m.group(2)));
        }
        return out;
    }

    private static NdArray stack(double[][][] a, int h) {
        double[] all = new double[SAMPLES * V * 3];
        for (int s = 0; s < SAMPLES; s++) {
            System.arraycopy(a[s][h], 0, all, s * V * 3, V * 3);
        }
        return NdArray.ofDoubles(new int[] {SAMPLES, V, 3}, all);
    }

    private static double[] ownJoints(ManoJointRegressor jr, int hand, double[] vertices) {
        double[] j = jr.joints(hand, vertices);
        j[0] = 0;
        j[1] = 0;
        j[2] = 0;
        return j;
    }

    /** DIR's outputs through DirReconstructor into a prediction file, read back and scored by the dir protocol. */
    private EvalReport evaluate(int root) {
        ManoJointRegressor jr = new ManoJointRegressor(models[0], models[1]);
        List<Prediction> written = new ArrayList<>();
        List<GroundTruthSample> truth = new ArrayList<>();
        Bbox box = new Bbox(60, 50, 120, 100);
        try (DirReconstructor r = new DirReconstructor(DirModel.untrained(new DirConfig(8, 32, 16, 8)), "dir:test")) {
            for (int s = 0; s < SAMPLES; s++) {
                double[][] parameters = new double[2][64];
                for (int h = 0; h < 2; h++) {
                    parameters[h][0] = 1;
                    parameters[h][4] = 1;
                    parameters[h][61] = 8; // weak-perspective scale
                }
                // DIR's own joints: its layer's, whose wrist is the origin of its wrist-centred meshes
                DirPrediction p = new DirPrediction(pred[s], new double[][] {ownJoints(jr, 0, pred[s][0]),
                    ownJoints(jr, 1, pred[s][1])}, new double[2][42], parameters, new double[2][3], offsets[s]);
                ReconstructionRequest request = new ReconstructionRequest(box, K, null);
                IntagHandCrop crop = IntagHandCrop.of(new double[] {60, 50, 180, 150}, K);
                written.add(ReconstructionPrediction.of("s" + s, r.toReconstruction(p, crop, request, 256, 240)));
                // the ground truth as ambidex derives it from MANO parameters: the posed meshes and their joints
                double[] jR = jr.joints(0, gt[s][0]);
                double[] jL = jr.joints(1, gt[s][1]);
                truth.add(new GroundTruthSample("s" + s, HandType.INTERACTING, true, HandTruth.allValid(jR, gt[s][0]),
                    HandTruth.allValid(jL, gt[s][1]), K).withMano(new ManoTruth(new ManoHand(gt[s][0], jR, jR),
                    new ManoHand(gt[s][1], jL, jL))));
            }
        }
        Path file = tmp.resolve("predictions.jsonl");
        PredictionsWriter.write(file, Map.of("model", "dir:test"), written);
        return Evaluator.evaluate(new DirProtocol(root, PckThresholds.DEFAULT, false, jr), truth,
            PredictionsReader.readAll(file));
    }
}
