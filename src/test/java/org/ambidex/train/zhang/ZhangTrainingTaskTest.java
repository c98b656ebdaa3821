package org.ambidex.train.zhang;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ambidex.data.Sample;
import org.ambidex.data.interhand.InterHandDataset;
import org.ambidex.data.interhand.InterHandFilter;
import org.ambidex.hand.HandLayer;
import org.ambidex.hand.HandModel;
import org.ambidex.hand.HandModelLoader;
import org.ambidex.hand.HandSide;
import org.ambidex.io.NdArray;
import org.ambidex.io.torch.Checkpoints;
import org.ambidex.io.torch.StateDict;
import org.ambidex.nets.InterNetConfig;
import org.ambidex.nets.InterNetModel;
import org.ambidex.nets.PyTorch;
import org.ambidex.nets.WeightImport;
import org.ambidex.nets.zhang.ZhangModel;
import org.ambidex.train.LearningRateSchedule;
import org.ambidex.train.TrainLoop;
import org.ambidex.train.TrainSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code train --arch zhang}'s task on the bundled InterHand-format examples, with MANO-format random hand models
 * for the ground truth and the network's MANO layers, an InterNet snapshot and an "ImageNet" ResNet-50 made here
 * from random weights: the loss falls on a repeated batch, only the mesh branch's weights move, a stopped-and-resumed
 * run ends bit for bit where a straight run does, and the exported snapshot has the published layout, loads back
 * strictly through ambidex's loader and (with python3-torch) into the generator's network as demo.py loads it.
 */
class ZhangTrainingTaskTest {

    static final String MANO = "src/test/resources/fixtures/mano-format";

    static HandModel right;
    static HandModel left;
    static InterHandDataset dataset;
    static List<Sample> samples;
    static NDManager manager;
    static HandLayer rightLayer;
    static HandLayer leftLayer;
    static StateDict interNet;
    static StateDict imageNet;

    @BeforeAll
    static void open() {
        right = HandModelLoader.resolve(MANO, HandSide.RIGHT, true);
        left = HandModelLoader.resolve(MANO, HandSide.LEFT, true);
        dataset = InterHandDataset.open(Path.of("examples"), InterHandFilter.all("train"));
        samples = dataset.samples().stream().filter(ZhangExamples::usable).limit(4).toList();
        manager = NDManager.newBaseManager();
        rightLayer = new HandLayer(right, manager, DataType.FLOAT32);
        leftLayer = new HandLayer(left, manager, DataType.FLOAT32);
        try (InterNetModel internet = InterNetModel.initialised(InterNetConfig.DEFAULT, 11)) {
            Map<String, NdArray> prefixed = new LinkedHashMap<>();
            WeightImport.export(internet.network()).forEach((k, v) -> prefixed.put("module." + k, v));
            interNet = StateDict.inMemory("InterNet snapshot", Map.of("network", prefixed));
            imageNet = StateDict.inMemory("ResNet-50", WeightImport.export(internet.network().resnet()));
        }
    }

    @AfterAll
    static void close() {
        rightLayer.close();
        leftLayer.close();
        manager.close();
        dataset.close();
    }

    private static ZhangTrainingTask task(long seed, boolean augment) {
        ZhangModel model = ZhangModel.untrained("test");
        ZhangInitialisation.initialise(model, seed);
        ZhangManoData.fill(model, right, left);
        ZhangInitialisation.loadInterNet(model, interNet);
        ZhangInitialisation.loadImageNet(model, imageNet, seed);
        return new ZhangTrainingTask(model, samples, new ZhangExamples(rightLayer, leftLayer, manager), augment);
    }

    private static TrainSettings settings(Path out, int epochs) {
        return new TrainSettings(out, epochs, 2, 17, 0, LearningRateSchedule.stepDecay(1e-4, 10, new int[] {45, 47}),
            Map.of("arch", "zhang"));
    }

    @Test
    void theBundledExamplesGiveInteractingSamplesWithMano() {
        assertThat(samples).hasSize(4);
    }

    @Test
    void lossFallsOnARepeatedBatchAndOnlyTheMeshBranchMoves() {
        try (ZhangTrainingTask t = task(5, false)) {
            Map<String, NdArray> before = WeightImport.export(t.model().network());
            List<ZhangExample> batch = t.examples(new int[] {0, 1}, new long[] {1, 2});
            List<Double> losses = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                double loss = t.step(batch, 1e-4).total();
                assertThat(loss).isFinite();
                losses.add(loss);
            }
            System.out.println("Zhang tiny run, loss per step on one repeated batch: " + losses);
            assertThat(losses.get(3)).as("%s", losses).isLessThan(losses.get(0));
            Map<String, NdArray> after = WeightImport.export(t.model().network());
            int moved = 0;
            for (String k : before.keySet()) {
                boolean same = java.util.Arrays.equals(before.get(k).toDoubleArray(), after.get(k).toDoubleArray());
                if (k.startsWith("heatmap_predictor.") && !k.contains("running_") && !WeightImport.isCounter(k)) {
                    assertThat(same).as("InterNet's %s keeps its starting value", k).isTrue();
                }
                if (k.startsWith("mesh_reg.") && !same) {
                    moved++;
                }
            }
            assertThat(moved).as("mesh-branch tensors updated").isGreaterThan(100);
            assertThat(after.get("heatmap_predictor.backbone_net.resnet.bn1.running_mean").toDoubleArray())
                .as("InterNet's BatchNorm statistics move in training mode, as the reference's")
                .isNotEqualTo(before.get("heatmap_predictor.backbone_net.resnet.bn1.running_mean").toDoubleArray());
        }
    }

    @Test
    void stoppedAndResumedRunEndsWithTheSameWeightsAsAStraightRun(@TempDir Path dir) {
        List<String> log = new ArrayList<>();
        TrainLoop.Result straight;
        try (ZhangTrainingTask t = task(17, true)) {
            straight = TrainLoop.run(t, settings(dir.resolve("a"), 2), -1, log::add);
        }
        assertThat(straight.step()).isEqualTo(4);
        try (ZhangTrainingTask t = task(17, true)) {
            assertThat(TrainLoop.run(t, settings(dir.resolve("b"), 2), 3, log::add).step()).isEqualTo(3);
        }
        TrainLoop.Result resumed;
        // Another seed's weights before the restore: restoring must overwrite every tensor.
        try (ZhangTrainingTask t = task(99, true)) {
            resumed = TrainLoop.run(t, settings(dir.resolve("b"), 2), -1, log::add);
        }
        assertThat(resumed.resumedFrom()).isEqualTo(3);
        assertThat(resumed.step()).isEqualTo(4);
        // One checkpoint (about 1 GB with Adam's moments) in the heap at a time: each tensor's digest stands for it.
        Map<String, String> a = digests(Checkpoints.read(dir.resolve("a").resolve(TrainLoop.CHECKPOINT)));
        Map<String, String> b = digests(Checkpoints.read(dir.resolve("b").resolve(TrainLoop.CHECKPOINT)));
        assertThat(a.keySet()).anyMatch(k -> k.startsWith("network/")).anyMatch(k -> k.startsWith("optimizer/"));
        assertThat(b).isEqualTo(a);
    }

    /** SHA-256 of every tensor's dtype, shape and bytes, by its path in the checkpoint ({@code network/...}). */
    static Map<String, String> digests(StateDict root) {
        Map<String, String> out = new java.util.TreeMap<>();
        for (String part : List.of("network", "optimizer")) {
            root.select(part).allTensors().forEach((k, v) -> out.put(part + "/" + k, digest(v)));
        }
        return out;
    }

    static String digest(NdArray v) {
        try {
            java.security.MessageDigest md = java.security.MessageDigest.getInstance("SHA-256");
            md.update((v.dtype() + java.util.Arrays.toString(v.shape())).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            md.update(v.toCOrder().bytes());
            return java.util.HexFormat.of().formatHex(md.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void exportHasThePublishedLayoutAndLoadsBackStrictly(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("snapshot_0.pth.tar");
        Map<String, String> trained = new java.util.TreeMap<>();
        long optimised;
        try (ZhangTrainingTask t = task(3, true)) {
            t.step(new int[] {0, 1}, new long[] {4, 5}, 1e-4);
            t.export(file, 1, 1, 1e-4);
            t.model().network().stateEntries().forEach((k, e) -> trained.put(k, digest(e.read())));
            // Adam(model.module.mesh_reg.parameters()): every trainable tensor of mesh_reg, none of InterNet's
            optimised = t.model().network().stateEntries().entrySet().stream().filter(e -> e.getKey()
                .startsWith("mesh_reg.") && e.getValue().trainable()).count();
        }
        StateDict root = Checkpoints.read(file);
        assertThat(root.entries().keySet()).containsExactly("epoch", "network", "optimizer");
        assertThat(root.epoch()).contains(0L);
        Map<String, NdArray> network = root.select("network").tensors();
        assertThat(network.keySet()).allMatch(k -> k.startsWith("module."));
        assertThat(network).containsKeys("module.mesh_reg.mano_layer.r.beta2J",
            "module.mesh_reg.mano_layer.l.template_J", "module.mesh_reg.mano_layer.r.transl",
            "module.mesh_reg.mano_layer.l.vertex_joint_selector.extra_joints_idxs",
            "module.heatmap_predictor.pose_net.root_fc.0.weight");
        List<?> groups = (List<?>) root.select("optimizer").other("param_groups").orElseThrow();
        assertThat(groups).hasSize(1);
        assertThat((List<?>) ((Map<?, ?>) groups.get(0)).get("params")).hasSize(Math.toIntExact(optimised));
        network = null;
        root = null;
        // ambidex's strict loader (demo.py's rule) takes it back whole, each tensor equal.
        try (ZhangModel back = ZhangModel.fromCheckpoint(file)) {
            Map<String, String> reloaded = new java.util.TreeMap<>();
            back.network().stateEntries().forEach((k, e) -> reloaded.put(k, digest(e.read())));
            assertThat(reloaded).isEqualTo(trained);
        }
        PyTorch.assumeAvailable(false);
        PyTorch.scriptAt(Path.of("src/test/python/zhang_reference.py"), "load", file.toString());
    }
}
