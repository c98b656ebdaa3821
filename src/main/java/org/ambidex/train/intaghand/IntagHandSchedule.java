package org.ambidex.train.intaghand;

import org.ambidex.train.LearningRateSchedule;

/**
 * IntagHand's learning rate ({@code utils/lr_sc.py: StepLR_withWarmUp} as {@code core/gcn_trainer.py} builds it,
 * stepped once per epoch): from {@code base / 1000} linearly up to {@code base} over the first {@code WARM_UP}
 * epochs, then {@code base * max(GAMMA^((epoch - WARM_UP) / STEP), MIN)} with integer division.
 */
public final class IntagHandSchedule {

    /** {@code TRAIN.LR} of {@code utils/defaults.yaml}. */
    public static final double LR = 1e-4;
    /** {@code TRAIN.warm_up}, epochs. */
    public static final int WARM_UP = 3;
    /** {@code TRAIN.lr_decay_step}, epochs. */
    public static final int STEP = 150;
    /** {@code TRAIN.lr_decay_gamma}. */
    public static final double GAMMA = 0.1;
    /** The scheduler's {@code min_thres}. */
    public static final double MIN = 0.05;
    /** {@code TRAIN.EPOCHS}. */
    public static final int EPOCHS = 200;
    /** {@code TRAIN.BATCH_SIZE}. */
    public static final int BATCH = 64;

    private IntagHandSchedule() {
    }

    /** The schedule with peak rate {@code base}; the step within an epoch does not matter. */
    public static LearningRateSchedule of(double base) {
        if (!(base > 0)) {
            throw new IllegalArgumentException("the learning rate must be positive");
        }
        double init = 1e-3 * base;
        return (epoch, step) -> epoch < WARM_UP
            ? init + (base - init) * (epoch / (double) WARM_UP)
            : base * Math.max(Math.pow(GAMMA, (epoch - WARM_UP) / STEP), MIN);
    }
}
