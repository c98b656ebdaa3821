package org.ambidex.train.dir;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.ambidex.data.HandLayerRootJoint;
import org.ambidex.data.ManoCameraConversion;
import org.ambidex.data.Sample;
import org.ambidex.data.interhand.InterHandDataset;
import org.ambidex.data.interhand.InterHandFilter;
import org.ambidex.hand.HandLayer;
import org.ambidex.hand.HandModel;
import org.ambidex.hand.HandModelLoader;
import org.ambidex.hand.HandSide;
import org.ambidex.ExternalProcess;
import org.ambidex.io.NdArray;
import org.ambidex.io.torch.Checkpoints;
import org.ambidex.io.torch.StateDict;
import org.ambidex.nets.PyTorch;
import org.ambidex.nets.dir.DirConfig;
import org.ambidex.nets.dir.DirModel;
import org.ambidex.train.TrainLoop;
import org.ambidex.train.TrainSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code train --arch dir}'s task on the bundled InterHand-format examples with a narrow random DIR whose MANO
 * data is the open hand model's ({@link DirManoData}): the loss falls on a repeated batch, a stopped-and-resumed
 * run ends bit for bit where a straight run does, and the exported file has the reference's layout and loads back
 * whole through the evaluation's loader.
 */
class DirTrainingTaskTest {

    static final DirConfig TINY = new DirConfig(8, 32, 16, 8);
    /** MANO-format random models (778 vertices): the ground-truth meshes need MANO's topology, as DIR's layers. */
    static final String MANO = "src/test/resources/fixtures/mano-format";

    static HandModel right;
    static HandModel left;
    static HandLayerRootJoint roots;
    static InterHandDataset dataset;
    static List<Sample> samples;
    static NDManager manager;
    static HandLayer rightLayer;
    static HandLayer leftLayer;

    @BeforeAll
    static void open() {
        right = HandModelLoader.resolve(MANO, HandSide.RIGHT, true);
        left = HandModelLoader.resolve(MANO, HandSide.LEFT, true);
        roots = new HandLayerRootJoint(right, left);
        dataset = InterHandDataset.open(Path.of("examples"), InterHandFilter.all("train"),
            new InterHandDataset.Options(new ManoCameraConversion(roots), null));
        samples = new ArrayList<>(dataset.samples().stream().filter(DirExamples::usable).limit(4).toList());
        manager = NDManager.newBaseManager();
        rightLayer = new HandLayer(right, manager, DataType.FLOAT32);
        leftLayer = new HandLayer(left, manager, DataType.FLOAT32);
    }

    @AfterAll
    static void close() {
        rightLayer.close();
        leftLayer.close();
        manager.close();
        dataset.close();
        roots.close();
    }

    private static DirTrainingTask task(long seed) {
        return task(seed, samples);
    }

    private static DirTrainingTask task(long seed, List<Sample> samples) {
        DirModel model = DirModel.untrained(TINY);
        DirManoData.fill(model, right, left);
        DirInitialisation.randomise(model, seed);
        return new DirTrainingTask(model, samples, new DirExamples(rightLayer, leftLayer, manager),
            DirTrainingTask.extras(null, TINY, seed));
    }

    private static TrainSettings settings(Path out, int epochs, int checkpointEvery) {
        return new TrainSettings(out, epochs, 2, 17, checkpointEvery, DirTrainingTask.cosine(5e-4, epochs),
            Map.of("network", TINY.toString()));
    }

    @Test
    void theBundledExamplesGiveTwoHandedBatches() {
        assertThat(samples).hasSizeGreaterThanOrEqualTo(4);
    }

    @Test
    void lossFallsOnARepeatedBatch() {
        try (DirTrainingTask t = task(5)) {
            List<DirExample> batch = t.examples(new int[] {0, 1});
            List<Double> losses = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                double loss = t.step(batch, 5e-4).total();
                assertThat(loss).isFinite();
                losses.add(loss);
            }
            System.out.println("DIR tiny run, loss per step on one repeated batch: " + losses);
            assertThat(losses.get(3)).as("%s", losses).isLessThan(losses.get(0));
        }
    }

    @Test
    void stoppedAndResumedRunEndsWithTheSameWeightsAsAStraightRun(@TempDir Path dir) {
        // All four bundled samples (two steps an epoch), stopped in the second epoch.
        List<Sample> four = samples;
        List<String> log = new ArrayList<>();
        TrainLoop.Result straight;
        try (DirTrainingTask t = task(17, four)) {
            straight = TrainLoop.run(t, settings(dir.resolve("a"), 2, 0), -1, log::add);
        }
        assertThat(straight.step()).isEqualTo(4);
        try (DirTrainingTask t = task(17, four)) {
            assertThat(TrainLoop.run(t, settings(dir.resolve("b"), 2, 0), 3, log::add).step()).isEqualTo(3);
        }
        TrainLoop.Result resumed;
        // Another seed's weights before the restore: restoring must overwrite every tensor.
        try (DirTrainingTask t = task(99, four)) {
            resumed = TrainLoop.run(t, settings(dir.resolve("b"), 2, 0), -1, log::add);
        }
        assertThat(resumed.resumedFrom()).isEqualTo(3);
        assertThat(resumed.step()).isEqualTo(4);
        StateDict a = Checkpoints.read(dir.resolve("a").resolve(TrainLoop.CHECKPOINT));
        StateDict b = Checkpoints.read(dir.resolve("b").resolve(TrainLoop.CHECKPOINT));
        Map<String, NdArray> wa = a.select("network").tensors();
        Map<String, NdArray> wb = b.select("network").tensors();
        assertThat(wb.keySet()).isEqualTo(wa.keySet());
        for (String k : wa.keySet()) {
            assertThat(wb.get(k).toDoubleArray()).as(k).containsExactly(wa.get(k).toDoubleArray());
        }
        Map<String, NdArray> oa = a.select("optimizer").allTensors();
        Map<String, NdArray> ob = b.select("optimizer").allTensors();
        assertThat(ob.keySet()).isEqualTo(oa.keySet()).isNotEmpty();
        for (String k : oa.keySet()) {
            assertThat(ob.get(k).toDoubleArray()).as(k).containsExactly(oa.get(k).toDoubleArray());
        }
    }

    @Test
    void exportHasTheReferenceLayoutAndLoadsBackStrictly(@TempDir Path dir) {
        Path file = dir.resolve("DIR.pth");
        Map<String, NdArray> trained;
        try (DirTrainingTask t = task(3)) {
            t.step(t.examples(new int[] {0, 1}), 5e-4);
            t.export(file, 1, 5e-4, 50, DirTrainingTask.cosine(5e-4, 50).at(1, 0));
            trained = t.model().stateDict();
        }
        StateDict root = Checkpoints.read(file);
        assertThat(root.entries().keySet()).containsExactly("net", "optimizer", "schedule", "last_epoch");
        assertThat(root.other("last_epoch")).contains(0L);
        StateDict schedule = root.select("schedule");
        assertThat(schedule.other("T_max")).contains(50L);
        assertThat(schedule.other("last_epoch")).contains(1L);
        StateDict optimizer = root.select("optimizer");
        assertThat(optimizer.entries().keySet()).containsExactly("state", "param_groups");
        StateDict net = root.select("net");
        // The published file's keys: the network's, its ResNet's unused classifier and the seg loss's weights.
        java.util.Set<String> published = new java.util.LinkedHashSet<>(trained.keySet());
        published.addAll(List.of("backbone.fc.weight", "backbone.fc.bias", "seg_loss.weight"));
        assertThat(net.tensors().keySet()).isEqualTo(published);
        assertThat(net.require("seg_loss.weight").toDoubleArray()).containsExactly(0.1f, 0.45f, 0.45f);
        // The evaluation's loader (strict=False as apps/eval.py): every tensor used, none absent, each equal.
        try (DirModel back = DirModel.load(file, TINY)) {
            assertThat(back.loadReport().unused()).containsExactlyInAnyOrder("backbone.fc.weight",
                "backbone.fc.bias", "seg_loss.weight");
            assertThat(back.loadReport().absent()).isEmpty();
            assertThat(back.loadReport().loaded()).isEqualTo(trained.size());
            Map<String, NdArray> reloaded = back.stateDict();
            assertThat(reloaded.keySet()).isEqualTo(trained.keySet());
            for (String k : trained.keySet()) {
                assertThat(reloaded.get(k).toDoubleArray()).as(k).containsExactly(trained.get(k).toDoubleArray());
            }
        }
    }

    @Test
    void exportLoadsStrictlyIntoTheGeneratorsNetwork(@TempDir Path dir) throws java.io.IOException {
        PyTorch.assumeAvailable(false);
        Path file = dir.resolve("DIR.pth");
        try (DirTrainingTask t = task(4)) {
            t.export(file, 1, 5e-4, 50, DirTrainingTask.cosine(5e-4, 50).at(1, 0));
        }
        // dir_reference.py's network (checked against the official one) loads 'net' with strict=True.
        String error = ExternalProcess.run(List.of(PyTorch.PYTHON.toString(), "src/test/python/dir_reference.py",
            "load", file.toString(), "8", "32", "16", "8"), Map.of(), 600);
        assertThat(error).isEmpty();
    }
}
