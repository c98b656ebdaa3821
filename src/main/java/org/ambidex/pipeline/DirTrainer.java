package org.ambidex.pipeline;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ambidex.core.BadInputException;
import org.ambidex.data.HandLayerRootJoint;
import org.ambidex.data.ManoCameraConversion;
import org.ambidex.data.Sample;
import org.ambidex.data.interhand.InterHandDataset;
import org.ambidex.hand.HandLayer;
import org.ambidex.io.torch.Checkpoints;
import org.ambidex.nets.WeightImport;
import org.ambidex.io.torch.StateDict;
import org.ambidex.nets.dir.DirConfig;
import org.ambidex.nets.dir.DirModel;
import org.ambidex.train.TrainLoop;
import org.ambidex.train.TrainSettings;
import org.ambidex.train.dir.DirExamples;
import org.ambidex.train.dir.DirInitialisation;
import org.ambidex.train.dir.DirTrainingTask;

/**
 * {@code ambidex train --arch dir}: DIR with the reference's losses, AdamW and per-epoch cosine schedule
 * ({@code train.py}, {@code config.py}: lr 5e-4, batch 64, 50 epochs). {@code --init} gives a DIR checkpoint
 * (its MANO data, and the starting weights); with {@code --backbone-weights} (torchvision's ImageNet ResNet-50)
 * every learned tensor is drawn afresh and the backbone read from that file, as the reference starts. At the end
 * {@code --export} writes the file the reference saves and its {@code apps/eval.py} loads.
 */
final class DirTrainer implements Trainer {

    /** The reference's settings ({@code config.py}); the schedule is cosine, so the decay settings are unused. */
    private static final int MANO_VERTICES = 778;

    static final TrainOptions.Defaults DEFAULTS = new TrainOptions.Defaults(50, 64, 5e-4, List.of(), 1);

    @Override
    public TrainOptions.Defaults defaults() {
        return DEFAULTS;
    }

    @Override
    public String options() {
        return "--init (a DIR checkpoint: MANO data and starting weights; required), --backbone-weights "
            + "(torchvision ResNet-50: start afresh from ImageNet as the reference does), --hand-model (the data's "
            + "MANO), --export ({'net', 'optimizer', 'schedule', 'last_epoch'}, as train.py saves)";
    }

    @Override
    public void train(TrainOptions o, PrintWriter log, PrintWriter out) {
        TrainingData.refuseKeypoints(o);
        if (o.init() == null) {
            throw new BadInputException("dir trains from a DIR checkpoint (--init DIR.pth), which carries the MANO "
                + "data its network decodes with");
        }
        if (o.lrDecayEpochs() != null || o.lrDecayFactor() != null) {
            throw new BadInputException("dir trains with a cosine schedule: --lr-decay-epochs and --lr-decay-factor "
                + "do not apply");
        }
        String handModel = o.twoHand().handModel();
        HandModels hands = HandModels.resolve(handModel);
        if (hands.right().vertexCount() != MANO_VERTICES || hands.left().vertexCount() != MANO_VERTICES) {
            throw new BadInputException("dir: --hand-model " + handModel + " has " + hands.right().vertexCount()
                + " vertices; DIR's losses compare its 778-vertex MANO meshes, so give a MANO folder");
        }
        Map<String, Object> identity = new LinkedHashMap<>();
        identity.put("hand_model", handModel);
        identity.put("start", "init " + o.init().toAbsolutePath().normalize()
            + (o.backboneWeights() == null ? "" : ", afresh with backbone "
            + o.backboneWeights().toAbsolutePath().normalize()));
        TrainSettings shared = o.settings(DEFAULTS, identity);
        TrainSettings settings = shared.withSchedule(DirTrainingTask.cosine(o.lr(DEFAULTS), shared.epochs()));
        try (HandLayerRootJoint roots = new HandLayerRootJoint(hands.right(), hands.left());
             InterHandDataset train = InterHandDataset.open(o.data(), o.trainFilter(),
                 new InterHandDataset.Options(new ManoCameraConversion(roots), null));
             NDManager manager = NDManager.newBaseManager();
             HandLayer right = new HandLayer(hands.right(), manager, DataType.FLOAT32);
             HandLayer left = new HandLayer(hands.left(), manager, DataType.FLOAT32)) {
            List<Sample> usable = train.samples().stream().filter(DirExamples::usable).toList();
            if (usable.size() < train.samples().size()) {
                log.println("dir: " + (train.samples().size() - usable.size()) + " of " + train.samples().size()
                    + " samples lack either hand's MANO parameters and are left out");
            }
            if (o.valFilter() != null) {
                log.println("dir: no epoch-end validation (score the export with predict and eval --protocol dir)");
            }
            List<Sample> samples = TrainingData.first(usable, o.maxTrainSamples());
            TrainingData.requireOneBatch(o, samples, settings.batchSize());
            StateDict start = Checkpoints.read(o.init());
            try (DirTrainingTask task = new DirTrainingTask(startingModel(o), samples,
                new DirExamples(right, left, manager), DirTrainingTask.extras(start.find("net").orElseGet(
                    start::weights), DirConfig.PUBLISHED, o.seed()))) {
                long perEpoch = samples.size() / settings.batchSize();
                TrainLoop.Result r = TrainingData.run("training " + task.model() + " on " + samples.size()
                    + " samples, " + settings.epochs() + " epochs of " + perEpoch + " steps, batch "
                    + settings.batchSize(), task, settings, o, log);
                if (r.finished() && o.export() != null) {
                    int epochs = settings.epochs();
                    task.export(o.export(), epochs, o.lr(DEFAULTS), epochs, settings.schedule().at(epochs, 0));
                    log.println("wrote " + o.export());
                }
                TrainingData.reportEnd(r, out);
            }
        }
    }

    private static DirModel startingModel(TrainOptions o) {
        DirModel model = DirModel.load(o.init());
        try {
            if (o.backboneWeights() != null) {
                DirInitialisation.randomise(model, o.seed());
                WeightImport.load(model.network().backbone(), Checkpoints.read(o.backboneWeights()).weights(),
                    "ResNet-50", name -> name.startsWith("fc."));
            }
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
        return model;
    }
}
