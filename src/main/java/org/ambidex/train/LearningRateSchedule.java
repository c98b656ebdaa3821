package org.ambidex.train;

/** The learning rate of a step. */
@FunctionalInterface
public interface LearningRateSchedule {

    /**
     * @param epoch the epoch (from 0) the step belongs to
     * @param step the global step (from 0)
     */
    double at(int epoch, long step);

    /**
     * A step decay as InterNet's ({@code lr_dec_epoch}, {@code lr_dec_factor}; SEED_SPEC A.9, B.5): {@code base},
     * divided by {@code factor} once for every decay epoch already reached ({@code epoch >= e}).
     */
    static LearningRateSchedule stepDecay(double base, double factor, int... decayEpochs) {
        if (!(base > 0) || !(factor > 0)) {
            throw new IllegalArgumentException("the learning rate and the decay factor must be positive");
        }
        int[] epochs = decayEpochs.clone();
        return (epoch, step) -> {
            int reached = 0;
            for (int e : epochs) {
                if (epoch >= e) {
                    reached++;
                }
            }
            // One division by factor^n, as the reference computes it (not n successive divisions).
            return reached == 0 ? base : base / Math.pow(factor, reached);
        };
    }
}
