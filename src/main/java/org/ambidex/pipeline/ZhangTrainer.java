package org.ambidex.pipeline;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ambidex.core.BadInputException;
import org.ambidex.data.Sample;
import org.ambidex.data.interhand.InterHandDataset;
import org.ambidex.hand.HandLayer;
import org.ambidex.io.torch.Checkpoints;
import org.ambidex.nets.zhang.ZhangModel;
import org.ambidex.train.TrainLoop;
import org.ambidex.train.TrainSettings;
import org.ambidex.train.zhang.ZhangExamples;
import org.ambidex.train.zhang.ZhangInitialisation;
import org.ambidex.train.zhang.ZhangManoData;
import org.ambidex.train.zhang.ZhangTrainingTask;

/**
 * {@code ambidex train --arch zhang}: Zhang et al. v2 as {@code main/train.py} trains it ({@code main/config.py}:
 * Adam lr 1e-4 over the mesh branch, divided by 10 at epochs 45 and 47, 100 epochs, batch 32), on the
 * interacting-hand samples, starting from an InterNet snapshot ({@code --init}), torchvision's ImageNet ResNet-50
 * for the mesh branch ({@code --backbone-weights}) and the MANO models ({@code --hand-model}, a MANO folder).
 * {@code --export} writes the snapshot {@code demo.py} and {@code main/test.py} load.
 */
final class ZhangTrainer implements Trainer {

    private static final int MANO_VERTICES = 778;

    static final TrainOptions.Defaults DEFAULTS = new TrainOptions.Defaults(100, 32, 1e-4, List.of(45, 47), 10);

    @Override
    public TrainOptions.Defaults defaults() {
        return DEFAULTS;
    }

    @Override
    public String options() {
        return "--init (the InterNet snapshot it starts from, as snapshot_19.pth.tar; required), --backbone-weights "
            + "(torchvision's ImageNet ResNet-50 for the mesh branch; required), --hand-model (a MANO folder: the "
            + "ground truth and the network's MANO layers), --export (snapshot_N.pth.tar, as train.py saves)";
    }

    @Override
    public void train(TrainOptions o, PrintWriter log, PrintWriter out) {
        TrainingData.refuseKeypoints(o);
        if (o.init() == null || o.backboneWeights() == null) {
            throw new BadInputException("zhang starts as its reference does: give the InterNet snapshot (--init "
                + "snapshot_19.pth.tar) and torchvision's ImageNet ResNet-50 (--backbone-weights "
                + "resnet50-19c8e357.pth)");
        }
        String handModel = o.twoHand().handModel();
        HandModels hands = HandModels.resolve(handModel);
        if (hands.right().vertexCount() != MANO_VERTICES || hands.left().vertexCount() != MANO_VERTICES) {
            throw new BadInputException("zhang: --hand-model " + handModel + " has " + hands.right().vertexCount()
                + " vertices; the network's MANO layers and its ground truth need the 778-vertex MANO, so give a "
                + "MANO folder");
        }
        Map<String, Object> identity = new LinkedHashMap<>();
        identity.put("hand_model", handModel);
        identity.put("augment", o.augment());
        identity.put("start", "internet " + o.init().toAbsolutePath().normalize() + ", backbone "
            + o.backboneWeights().toAbsolutePath().normalize());
        TrainSettings settings = o.settings(DEFAULTS, identity);
        try (InterHandDataset train = InterHandDataset.open(o.data(), o.trainFilter());
             NDManager manager = NDManager.newBaseManager();
             HandLayer right = new HandLayer(hands.right(), manager, DataType.FLOAT32);
             HandLayer left = new HandLayer(hands.left(), manager, DataType.FLOAT32)) {
            List<Sample> usable = train.samples().stream().filter(ZhangExamples::usable).toList();
            if (usable.size() < train.samples().size()) {
                log.println("zhang: " + (train.samples().size() - usable.size()) + " of " + train.samples().size()
                    + " samples left out (single-hand annotations, which the reference does not train on, or frames "
                    + "without MANO parameters)");
            }
            if (o.valFilter() != null) {
                log.println("zhang: no epoch-end validation, as the reference (score the export with predict and "
                    + "eval --protocol zhang)");
            }
            List<Sample> samples = TrainingData.first(usable, o.maxTrainSamples());
            TrainingData.requireOneBatch(o, samples, settings.batchSize());
            try (ZhangTrainingTask task = new ZhangTrainingTask(startingModel(o, hands), samples,
                new ZhangExamples(right, left, manager), o.augment())) {
                long perEpoch = samples.size() / settings.batchSize();
                TrainLoop.Result r = TrainingData.run("training Zhang et al. v2 on " + samples.size()
                    + " interacting-hand samples, " + settings.epochs() + " epochs of " + perEpoch + " steps, batch "
                    + settings.batchSize(), task, settings, o, log);
                if (r.finished() && o.export() != null) {
                    int epochs = settings.epochs();
                    task.export(o.export(), r.step(), epochs, settings.schedule().at(epochs - 1, r.step() - 1));
                    log.println("wrote " + o.export());
                }
                TrainingData.reportEnd(r, out);
            }
        }
    }

    private static ZhangModel startingModel(TrainOptions o, HandModels hands) {
        ZhangModel model = ZhangModel.untrained("internet " + o.init() + ", backbone " + o.backboneWeights());
        try {
            ZhangInitialisation.initialise(model, o.seed());
            ZhangManoData.fill(model, hands.right(), hands.left());
            ZhangInitialisation.loadInterNet(model, Checkpoints.read(o.init()));
            ZhangInitialisation.loadImageNet(model, Checkpoints.read(o.backboneWeights()).weights(), o.seed() + 1);
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
        return model;
    }
}
