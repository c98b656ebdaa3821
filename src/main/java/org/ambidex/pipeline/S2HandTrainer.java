package org.ambidex.pipeline;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.ambidex.core.BadInputException;
import org.ambidex.data.freihand.KeypointFile;
import org.ambidex.hand.HandModel;
import org.ambidex.hand.HandModelLoader;
import org.ambidex.hand.HandSide;
import org.ambidex.io.NdArray;
import org.ambidex.nets.s2hand.S2HandCheckpoint;
import org.ambidex.nets.s2hand.S2HandModel;
import org.ambidex.nets.s2hand.S2HandNet;
import org.ambidex.train.TrainLoop;
import org.ambidex.train.TrainSettings;
import org.ambidex.train.s2hand.S2HandStage;
import org.ambidex.train.s2hand.S2HandTrainingTask;

/**
 * {@code ambidex train --arch s2hand [--stage keypoints|shape|kp|finetune|e2e]}: S2HAND's training stages
 * ({@link S2HandStage}, {@link S2HandTrainingTask}) on a FreiHAND folder's whole 224-pixel images or an HO-3D
 * folder's frames cut about the hand ({@link S2HandImages}), with their cameras, learning from the 2-D keypoints of
 * {@code --keypoints} (entry i for
 * image i, as {@code ambidex keypoints} writes them). Images past the file's end, and those where no hand was found
 * (every confidence 0), are left out and counted in the log; a file with more entries than the split has images
 * belongs to other images and is refused. With {@code --max-val-samples N} the last N usable images are held out
 * and their keypoint error (pixels) is reported after each epoch. At the end the weights go to
 * {@code OUT/}{@value #MODEL} in the published checkpoints' layout, which {@code --model s2hand:FILE} opens; its
 * heat-map branch {@code rgb2hm} is written when the stage trained it or {@code --init} brought it (a stage without
 * the branch, as the reference's 3-D-only stages, writes none).
 */
final class S2HandTrainer implements Trainer {

    /**
     * The default stage's schedule ({@link S2HandStage#KEYPOINTS}: the reference's FreiHAND configuration
     * {@code SSL-e2e.json}, 180 epochs of batch 32, Adam at 1e-3 halved at epochs 30, 60, 90, 120 and 150); each
     * {@code --stage} has its own ({@link #defaults(S2HandStage)}).
     */
    static final TrainOptions.Defaults DEFAULTS = defaults(S2HandStage.KEYPOINTS);
    /** The final weights in the run folder. */
    static final String MODEL = "texturehand.t7";
    /** The training split's name (FreiHAND's; HO-3D's train.txt), used when {@code --train-split} is left at its default. */
    private static final String FREIHAND_TRAINING = "training";
    /** {@code --train-split}'s and {@code --val-split}'s defaults on the command line (InterHand2.6M's names). */
    private static final String DEFAULT_TRAIN = "train";
    private static final String DEFAULT_VAL = "val";

    @Override
    public TrainOptions.Defaults defaults() {
        return DEFAULTS;
    }

    @Override
    public String options() {
        return "--stage keypoints (default), shape, kp, finetune or e2e (the reference's terms and schedule),"
            + " --keypoints"
            + " (the file ambidex keypoints writes; required), --data (a FreiHAND or HO-3D folder; --train-split"
            + " defaults to 'training', HO-3D's train.txt), --hand-model (open, or the official MANO; --init needs MANO), --init (a"
            + " texturehand_*.t7), --max-val-samples N (hold out the last N images; --val-split none: no"
            + " validation); writes OUT/" + MODEL;
    }

    @Override
    public void train(TrainOptions o, PrintWriter log, PrintWriter out) {
        if (o.keypoints() == null) {
            throw new BadInputException("s2hand learns from 2-D keypoints: run ambidex keypoints --data " + o.data()
                + " --out FILE.json first, then give --keypoints FILE.json");
        }
        if (o.backboneWeights() != null || o.export() != null) {
            throw new BadInputException("s2hand starts afresh or from --init and writes OUT/" + MODEL
                + ": --backbone-weights and --export do not apply");
        }
        if (o.valFilter() != null && !DEFAULT_VAL.equals(o.valFilter().split())) {
            throw new BadInputException("--val-split: s2hand validates on the last --max-val-samples images of the"
                + " training split; give --val-split none for no validation");
        }
        S2HandStage stage = stage(o);
        TrainOptions.Defaults defaults = defaults(stage);
        HandModel hand = handModel(o);
        if (stage.renders() && hand.faceCount() != S2HandNet.TEXTURE_FACES) {
            throw new BadInputException("--stage " + stage.label() + " renders S2HAND's per-face textures on MANO's "
                + S2HandNet.TEXTURE_FACES + " faces, but --hand-model " + o.twoHand().handModel() + " has "
                + hand.faceCount() + "; give the official MANO_RIGHT.pkl (or its folder)");
        }
        String split = DEFAULT_TRAIN.equals(o.trainFilter().split()) ? FREIHAND_TRAINING : o.trainFilter().split();
        S2HandImages set = S2HandImages.open(o.data(), split);
        KeypointFile keypoints = KeypointFile.read(o.keypoints());
        if (keypoints.size() > set.size()) {
            throw new BadInputException(o.keypoints(), "has keypoints for " + keypoints.size() + " images but split "
                + split + " of " + o.data() + " has " + set.size() + "; expected the file ambidex keypoints wrote for"
                + " that split");
        }
        int[] usable = IntStream.range(0, keypoints.size()).filter(keypoints::detected).toArray();
        if (usable.length < set.size()) {
            log.println("s2hand: " + (set.size() - usable.length) + " of " + set.size() + " images left out: "
                + (set.size() - keypoints.size()) + " without an entry in " + o.keypoints() + ", "
                + (keypoints.size() - usable.length) + " where no hand was found");
        }
        int held = o.valFilter() == null ? 0 : Math.min(o.maxValSamples(), usable.length);
        S2HandKeypointExamples all = new S2HandKeypointExamples(set, keypoints, usable);
        S2HandKeypointExamples val = all.range(usable.length - held, usable.length);
        S2HandKeypointExamples rest = all.range(0, usable.length - held);
        S2HandKeypointExamples train = rest.range(0, TrainingData.first(rest, o.maxTrainSamples()).size());
        int batch = o.batchSize(defaults);
        if (train.size() < batch) {
            throw new BadInputException(o.keypoints(), "gives " + train.size() + " training images with a hand found"
                + (held > 0 ? " (after " + held + " held out)" : "") + ", fewer than one batch of " + batch);
        }
        if (held == 0) {
            log.println("s2hand: no validation (--max-val-samples N holds out the last N images)");
        }
        Map<String, Object> identity = new LinkedHashMap<>();
        identity.put(set.identityKey(), split);
        identity.put("keypoints", o.keypoints().toAbsolutePath().normalize().toString());
        identity.put("held_out", (long) held);
        identity.put("hand_model", o.twoHand().handModel());
        identity.put("augment", o.augment());
        identity.put("stage", stage.label());
        identity.put("start", o.init() == null ? "scratch" : "init " + o.init().toAbsolutePath().normalize());
        TrainSettings settings = o.settings(defaults, identity);
        boolean augment = o.augment() && set.rotates();
        if (o.augment() && !set.rotates()) {
            log.println("s2hand: HO-3D's frames are cut about the hand and not turned, as the reference's HO-3D"
                + " training does");
        }
        try (S2HandTrainingTask task = new S2HandTrainingTask(startingModel(o, hand), train, val, augment, stage)) {
            TrainLoop.Result r = TrainingData.run("training " + S2HandModel.DESCRIPTION + " (" + stage.label()
                + " stage) on "
                + train.size() + " images (" + split + "), " + settings.epochs() + " epochs of "
                + train.size() / batch + " steps, batch " + batch, task, settings, o, log);
            if (r.finished()) {
                Path file = o.out().resolve(MODEL);
                Map<String, NdArray> weights = new LinkedHashMap<>(task.checkpoint(r.step(), settings.epochs(),
                    Double.NaN, Map.of(), false).network());
                if (!stage.heatmaps() && !(o.init() != null && task.model().hasHeatmapWeights())) {
                    weights.keySet().removeIf(S2HandCheckpoint::isHeatmapBranch);
                }
                S2HandCheckpoint.write(file, weights, settings.epochs());
                log.println("wrote " + file);
            }
            TrainingData.reportEnd(r, out);
        }
    }

    /** {@code --stage}, {@link S2HandStage#KEYPOINTS} when not given. */
    static S2HandStage stage(TrainOptions o) {
        if (o.stage() == null) {
            return S2HandStage.KEYPOINTS;
        }
        return S2HandStage.named(o.stage()).orElseThrow(() -> new BadInputException("--stage: '" + o.stage()
            + "' is not a stage of s2hand; expected keypoints, shape, kp, finetune or e2e"));
    }

    /** The stage's schedule, as its reference configuration sets it. */
    static TrainOptions.Defaults defaults(S2HandStage stage) {
        return new TrainOptions.Defaults(stage.epochs(), stage.batch(), stage.lr(), stage.steps(),
            1 / S2HandStage.DECAY);
    }

    /**
     * The right hand model: {@code --hand-model} as given ({@code open} allowed) for a fresh network; the official
     * MANO model for {@code --init}, whose weights were learnt against it.
     */
    private static HandModel handModel(TrainOptions o) {
        String spec = o.twoHand().handModel();
        return o.init() == null ? HandModelLoader.resolve(spec, HandSide.RIGHT, false)
            : S2HandArchitecture.rightMano(spec, o.init());
    }

    /** A fresh network, or the weights of {@code --init}. */
    private static S2HandModel startingModel(TrainOptions o, HandModel hand) {
        return o.init() == null ? S2HandModel.initialised(hand, o.seed())
            : S2HandModel.fromCheckpoint(S2HandCheckpoint.read(o.init()), hand);
    }
}
