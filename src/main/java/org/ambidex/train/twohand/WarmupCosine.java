package org.ambidex.train.twohand;

import org.ambidex.train.LearningRateSchedule;

/** The two-hand network's schedule: linear warm-up, then cosine decay to a floor over the whole run. */
public final class WarmupCosine {

    /** The floor, as a fraction of the peak. */
    public static final double FLOOR = 0.05;

    private WarmupCosine() {
    }

    /**
     * {@code base * min(1, (step + 1) / warmup) * (FLOOR + (1 - FLOOR) (1 + cos(pi step / (total - 1))) / 2)}.
     *
     * @param totalSteps steps of the whole run
     */
    public static LearningRateSchedule of(double base, int warmupSteps, long totalSteps) {
        if (!(base > 0) || warmupSteps < 0 || totalSteps < 1) {
            throw new IllegalArgumentException("need a positive rate and step count and a non-negative warm-up");
        }
        return (epoch, step) -> {
            double warm = warmupSteps == 0 ? 1 : Math.min(1, (step + 1) / (double) warmupSteps);
            double progress = totalSteps <= 1 ? 0 : Math.min(1, step / (double) (totalSteps - 1));
            return base * warm * (FLOOR + (1 - FLOOR) * 0.5 * (1 + Math.cos(Math.PI * progress)));
        };
    }
}
