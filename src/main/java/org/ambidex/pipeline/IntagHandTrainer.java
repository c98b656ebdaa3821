package org.ambidex.pipeline;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ambidex.core.BadInputException;
import org.ambidex.data.HandLayerRootJoint;
import org.ambidex.data.ManoCameraConversion;
import org.ambidex.data.Sample;
import org.ambidex.data.interhand.InterHandDataset;
import org.ambidex.hand.HandLayer;
import org.ambidex.io.NdArray;
import org.ambidex.io.torch.Checkpoints;
import org.ambidex.io.torch.StateDict;
import org.ambidex.nets.WeightImport;
import org.ambidex.nets.intaghand.HandGraphs;
import org.ambidex.nets.intaghand.IntagHandModel;
import org.ambidex.train.TrainLoop;
import org.ambidex.train.TrainSettings;
import org.ambidex.train.intaghand.IntagHandExamples;
import org.ambidex.train.intaghand.IntagHandExport;
import org.ambidex.train.intaghand.IntagHandLoss;
import org.ambidex.train.intaghand.IntagHandSampleBatches;
import org.ambidex.train.intaghand.IntagHandSchedule;
import org.ambidex.train.intaghand.IntagHandTrainingTask;

/**
 * {@code ambidex train --arch intaghand}: IntagHand as {@code core/gcn_trainer.py} trains it (its loss, Adam, the
 * warm-up-then-step schedule per epoch, batch 64, 200 epochs) on the crops, renders and augmentation of
 * {@link IntagHandExamples}. The graphs come from {@code --graphs} (IntagHand's {@code misc} folder); the start
 * from {@code --init} (a checkpoint or {@code misc} folder: fine-tuning) or random weights, with
 * {@code --backbone-weights} a torchvision ResNet-50 for the encoder. {@code --export} writes the file the
 * reference saves and {@code --model intaghand:} loads strictly.
 */
final class IntagHandTrainer implements Trainer {

    private static final int MANO_VERTICES = 778;

    static final TrainOptions.Defaults DEFAULTS = new TrainOptions.Defaults(IntagHandSchedule.EPOCHS,
        IntagHandSchedule.BATCH, IntagHandSchedule.LR, List.of(), 1);

    @Override
    public TrainOptions.Defaults defaults() {
        return DEFAULTS;
    }

    @Override
    public String options() {
        return "--graphs (the misc folder with graph_left.pkl, graph_right.pkl; else --init's folder), --hand-model"
            + " (the data's MANO, 778 vertices; required), --init (an IntagHand checkpoint or misc folder to start"
            + " from),"
            + " --backbone-weights (torchvision ResNet-50 for the encoder of a fresh network), --no-augment, --export"
            + " (the state dict under module., as gcn_trainer.py saves it)";
    }

    @Override
    public void train(TrainOptions o, PrintWriter log, PrintWriter out) {
        TrainingData.refuseKeypoints(o);
        if (o.lrDecayEpochs() != null || o.lrDecayFactor() != null) {
            throw new BadInputException("intaghand trains with its warm-up and step schedule (StepLR_withWarmUp):"
                + " --lr-decay-epochs and --lr-decay-factor do not apply");
        }
        if (o.init() != null && o.backboneWeights() != null) {
            throw new BadInputException("intaghand: --backbone-weights starts a fresh network; it cannot be combined"
                + " with --init");
        }
        String handModel = o.twoHand().handModel();
        HandModels hands = HandModels.resolve(handModel);
        if (hands.right().vertexCount() != MANO_VERTICES || hands.left().vertexCount() != MANO_VERTICES) {
            throw new BadInputException("intaghand: --hand-model " + handModel + " has "
                + hands.right().vertexCount() + " vertices; IntagHand's meshes are MANO's 778, so give a MANO folder");
        }
        Path graphFolder = o.graphs() != null ? o.graphs()
            : o.init() != null && Files.isDirectory(o.init()) ? o.init() : null;
        if (graphFolder == null) {
            throw new BadInputException("intaghand trains on IntagHand's graphs: give --graphs MISC (the folder with"
                + " graph_left.pkl and graph_right.pkl)");
        }
        HandGraphs leftGraphs = HandGraphs.read(graphFolder.resolve("graph_left.pkl"));
        HandGraphs rightGraphs = HandGraphs.read(graphFolder.resolve("graph_right.pkl"));
        Map<String, Object> identity = new LinkedHashMap<>();
        identity.put("hand_model", handModel);
        identity.put("graphs", graphFolder.toAbsolutePath().normalize().toString());
        identity.put("start", o.init() != null ? "init " + o.init().toAbsolutePath().normalize()
            : o.backboneWeights() != null ? "backbone " + o.backboneWeights().toAbsolutePath().normalize()
            : "random");
        identity.put("augment", o.augment());
        TrainSettings settings = o.settings(DEFAULTS, identity).withSchedule(IntagHandSchedule.of(o.lr(DEFAULTS)));
        try (HandLayerRootJoint roots = new HandLayerRootJoint(hands.right(), hands.left());
             InterHandDataset train = InterHandDataset.open(o.data(), o.trainFilter(),
                 new InterHandDataset.Options(new ManoCameraConversion(roots), null));
             NDManager manager = NDManager.newBaseManager();
             HandLayer right = new HandLayer(hands.right(), manager, DataType.FLOAT32);
             HandLayer left = new HandLayer(hands.left(), manager, DataType.FLOAT32)) {
            List<Sample> usable = train.samples().stream().filter(IntagHandExamples::usable).toList();
            if (usable.size() < train.samples().size()) {
                log.println("intaghand: " + (train.samples().size() - usable.size()) + " of " + train.samples().size()
                    + " samples are not interacting frames with both hands' MANO fits and are left out");
            }
            if (o.valFilter() != null) {
                log.println("intaghand: no epoch-end validation (score the export with predict and eval --protocol"
                    + " intaghand)");
            }
            List<Sample> samples = TrainingData.first(usable, o.maxTrainSamples());
            TrainingData.requireOneBatch(o, samples, settings.batchSize());
            Path startFile = o.init() == null ? null : checkpointOf(o.init());
            try (IntagHandTrainingTask task = task(o, startFile, samples, settings.batchSize(), hands, leftGraphs,
                rightGraphs, left, right, manager)) {
                IntagHandModel model = task.model();
                long perEpoch = samples.size() / settings.batchSize();
                TrainLoop.Result r = TrainingData.run("training IntagHand (" + model.source() + ") on "
                    + samples.size() + " samples, " + settings.epochs() + " epochs of " + perEpoch + " steps, batch "
                    + settings.batchSize() + (o.augment() ? "" : ", no augmentation"), task, settings, o, log);
                if (r.finished() && o.export() != null) {
                    Map<String, NdArray> classifier = IntagHandExport.classifier(classifierSource(o, startFile),
                        o.seed());
                    IntagHandExport.write(o.export(), task.model().network(), classifier);
                    log.println("wrote " + o.export());
                }
                TrainingData.reportEnd(r, out);
            }
        }
    }

    /** The training task: the starting network, its batches (dense colours from its {@code dense_coor}), the loss. */
    private static IntagHandTrainingTask task(TrainOptions o, Path startFile, List<Sample> samples, int batch,
                                              HandModels hands, HandGraphs leftGraphs, HandGraphs rightGraphs,
                                              HandLayer left, HandLayer right, NDManager manager) {
        IntagHandModel model = startingModel(o, startFile, leftGraphs, rightGraphs);
        try {
            float[] colours = model.network().stateEntries().get("decoder.dense_coor").read().toFloatArray();
            IntagHandSampleBatches batches = new IntagHandSampleBatches(samples,
                new IntagHandExamples(left, right, manager, colours), o.augment());
            IntagHandLoss loss = new IntagHandLoss(hands.left(), hands.right(), leftGraphs, rightGraphs);
            return new IntagHandTrainingTask(model, samples.size(), batch, batches, loss);
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
    }

    /**
     * Where the export's unused classifier comes from: the starting checkpoint, else torchvision's {@code fc.*} of
     * {@code --backbone-weights} (the reference's is ImageNet's), else nothing (drawn).
     */
    private static StateDict classifierSource(TrainOptions o, Path startFile) {
        if (startFile != null) {
            return Checkpoints.read(startFile).weights();
        }
        if (o.backboneWeights() == null) {
            return null;
        }
        Map<String, Object> fc = new LinkedHashMap<>();
        Checkpoints.read(o.backboneWeights()).weights().tensors().forEach((k, v) -> {
            if (k.startsWith("fc.")) {
                fc.put("encoder.resnet." + k, v);
            }
        });
        return StateDict.inMemory(o.backboneWeights().toString(), fc);
    }

    /** The checkpoint {@code init} names: the file itself, or the one a {@code misc} folder holds. */
    private static Path checkpointOf(Path init) {
        if (!Files.isDirectory(init)) {
            if (!Files.isRegularFile(init)) {
                throw new BadInputException(init, "no such file or folder (expected an IntagHand checkpoint or its"
                    + " misc folder)");
            }
            return init;
        }
        return IntagHandModel.CHECKPOINTS.stream().map(init::resolve).filter(Files::isRegularFile).findFirst()
            .orElseThrow(() -> new BadInputException(init, "holds no IntagHand checkpoint (looked for "
                + String.join(", ", IntagHandModel.CHECKPOINTS) + ")"));
    }

    private static IntagHandModel startingModel(TrainOptions o, Path startFile, HandGraphs left, HandGraphs right) {
        if (startFile != null) {
            return IntagHandModel.fromCheckpoint(startFile, left, right);
        }
        IntagHandModel model = IntagHandModel.initialised(left, right, o.seed());
        try {
            if (o.backboneWeights() != null) {
                // the fresh network's weights with the encoder's ResNet replaced by torchvision's
                Map<String, Object> merged = new LinkedHashMap<>(WeightImport.export(model.network()));
                StateDict backbone = Checkpoints.read(o.backboneWeights()).weights();
                backbone.tensors().forEach((k, v) -> {
                    if (!k.startsWith("fc.")) {
                        merged.put("encoder.resnet." + k, v);
                    }
                });
                WeightImport.load(model.network(), StateDict.inMemory(o.backboneWeights().toString(), merged),
                    "IntagHand with a torchvision ResNet-50 encoder", name -> false);
            }
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
        return model;
    }
}
