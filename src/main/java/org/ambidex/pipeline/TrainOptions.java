package org.ambidex.pipeline;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ambidex.core.BadInputException;
import org.ambidex.data.interhand.InterHandFilter;
import org.ambidex.train.LearningRateSchedule;
import org.ambidex.train.TrainSettings;

/**
 * Everything {@code ambidex train} was given. The shared options are {@code null} where the user left them out,
 * so each {@link Trainer} fills them from its reference's {@link Defaults}; the architecture-specific ones carry
 * the command's documented defaults.
 *
 * @param arch the architecture name
 * @param data the InterHand2.6M-format dataset folder
 * @param trainFilter which samples to train on
 * @param valFilter which samples to validate on after each epoch, or {@code null} for none
 * @param out the run folder (checkpoint, validation reports); an existing checkpoint is resumed
 * @param epochs epochs, or {@code null}
 * @param batchSize samples per step, or {@code null}
 * @param lr initial learning rate, or {@code null}
 * @param lrDecayEpochs epochs at which the rate is divided by {@code lrDecayFactor}, or {@code null}
 * @param lrDecayFactor the divisor, or {@code null}
 * @param seed seed of initialisation, data order and augmentation
 * @param checkpointEvery steps between checkpoints, 0 for epoch ends only
 * @param maxTrainSamples train on the first N samples only (0: all)
 * @param maxValSamples validate on N samples spread over the split only (0: all)
 * @param stopAfterSteps stop (after checkpointing) once this many steps are done, or {@code null}
 * @param export where to write InterNet weights as a PyTorch snapshot when training ends, or {@code null}
 * @param init starting weights (fine-tuning), or {@code null}
 * @param augment whether to augment as the reference does
 * @param backboneWeights torchvision ImageNet ResNet weights to start InterNet's backbone from, or {@code null}
 * @param internet InterNet's own options
 * @param twoHand the two-hand network's own options
 * @param keypoints S2HAND's keypoint file for the images ({@code ambidex keypoints}), or {@code null}
 * @param graphs IntagHand's graph folder ({@code graph_left.pkl}, {@code graph_right.pkl}), or {@code null}
 * @param stage S2HAND's training stage ({@code keypoints}, {@code shape}, {@code kp}, {@code finetune},
 *     {@code e2e}), or {@code null} for the architecture's default
 */
public record TrainOptions(String arch, Path data, InterHandFilter trainFilter, InterHandFilter valFilter, Path out,
                           Integer epochs, Integer batchSize, Double lr, List<Integer> lrDecayEpochs,
                           Double lrDecayFactor, long seed, int checkpointEvery, int maxTrainSamples,
                           int maxValSamples, Long stopAfterSteps, Path export, Path init, boolean augment,
                           Path backboneWeights, InterNetOptions internet, TwoHandOptions twoHand,
                           Path keypoints, Path graphs, String stage) {

    public TrainOptions {
        lrDecayEpochs = lrDecayEpochs == null ? null : List.copyOf(lrDecayEpochs);
        if (checkpointEvery < 0 || maxTrainSamples < 0 || maxValSamples < 0) {
            throw new BadInputException("--checkpoint-every, --max-train-samples and --max-val-samples must not be"
                + " negative");
        }
        if ((epochs != null && epochs < 1) || (batchSize != null && batchSize < 1)
            || (lr != null && !(lr > 0 && Double.isFinite(lr)))
            || (lrDecayFactor != null && !(lrDecayFactor > 0 && Double.isFinite(lrDecayFactor)))) {
            throw new BadInputException("--epochs, --batch-size, --lr and --lr-decay-factor must be positive");
        }
        if (stopAfterSteps != null && stopAfterSteps < 0) {
            throw new BadInputException("--stop-after-steps must not be negative, got " + stopAfterSteps);
        }
    }

    /**
     * InterNet's options.
     *
     * @param resnetDepth backbone depth 18, 34, 50, 101 or 152
     * @param resnetWidth backbone stem width (torchvision: 64)
     * @param headChannels deconvolution channels
     * @param headUnits hidden units of the root and hand-type heads
     */
    public record InterNetOptions(int resnetDepth, int resnetWidth, int headChannels, int headUnits) {
    }

    /**
     * The two-hand network's options.
     *
     * @param inputSize side of the square input crop, pixels
     * @param stages refinement stages after the initial regression
     * @param resnetDepth backbone depth
     * @param resnetWidth backbone stem width
     * @param handModel hand model of the data: {@code open} or a MANO folder
     * @param weightDecay AdamW weight decay
     * @param warmupSteps steps of linear learning-rate warm-up
     */
    public record TwoHandOptions(int inputSize, int stages, int resnetDepth, int resnetWidth, String handModel,
                                 double weightDecay, int warmupSteps) {

        public TwoHandOptions {
            if (warmupSteps < 0) {
                throw new BadInputException("--warmup-steps must not be negative, got " + warmupSteps);
            }
            if (!(weightDecay >= 0 && Double.isFinite(weightDecay))) {
                throw new BadInputException("--weight-decay must be a non-negative number, got " + weightDecay);
            }
        }
    }

    /** Defaults of an architecture's reference, used for the shared options the user left out. */
    public record Defaults(int epochs, int batchSize, double lr, List<Integer> lrDecayEpochs, double lrDecayFactor) {
    }

    /** The epochs to train: as given, or the default. */
    public int epochs(Defaults defaults) {
        return epochs != null ? epochs : defaults.epochs();
    }

    /** The batch size: as given, or the default. */
    public int batchSize(Defaults defaults) {
        return batchSize != null ? batchSize : defaults.batchSize();
    }

    /** The initial learning rate: as given, or the default. */
    public double lr(Defaults defaults) {
        return lr != null ? lr : defaults.lr();
    }

    /** The steps limit for {@link org.ambidex.train.TrainLoop#run}: -1 for none. */
    public long stopAfter() {
        return stopAfterSteps == null ? -1 : stopAfterSteps;
    }

    /**
     * The shared settings with {@code defaults} for the options not given and a step-decay schedule;
     * {@code identity} adds the architecture's settings that a resumed run must share.
     */
    public TrainSettings settings(Defaults defaults, Map<String, Object> identity) {
        List<Integer> decay = lrDecayEpochs != null ? lrDecayEpochs : defaults.lrDecayEpochs();
        double factor = lrDecayFactor != null ? lrDecayFactor : defaults.lrDecayFactor();
        double rate = lr(defaults);
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("arch", arch);
        all.put("data", data.toAbsolutePath().normalize().toString());
        all.put("train_split", trainFilter.split());
        all.put("max_train_samples", (long) maxTrainSamples);
        all.put("lr", rate);
        List<Object> decayList = new ArrayList<>();
        decay.forEach(x -> decayList.add((long) x));
        all.put("lr_decay_epochs", decayList);
        all.put("lr_decay_factor", factor);
        all.putAll(identity);
        int[] decayEpochs = decay.stream().mapToInt(Integer::intValue).toArray();
        return new TrainSettings(out, epochs(defaults), batchSize(defaults), seed, checkpointEvery,
            LearningRateSchedule.stepDecay(rate, factor, decayEpochs), all);
    }
}
