package org.ambidex.eval;

/**
 * A named evaluation protocol: computes the numbers of one reference implementation from matched ground truth
 * and predictions. A protocol is immutable; each evaluation uses a fresh {@link Run}.
 */
public interface Protocol {

    /** The name used on the command line (e.g. {@code interhand}). */
    String name();

    /** Starts an evaluation. */
    Run start();

    /** One evaluation in progress: add matched pairs, then finish. Not thread-safe. */
    interface Run {
        /**
         * Adds one frame.
         *
         * @throws DegenerateHandException when a predicted hand cannot be aligned as the protocol requires
         */
        void add(GroundTruthSample truth, Prediction prediction);

        /** The report; {@code matching} carries the sample-level counts of the caller's matching. */
        EvalReport finish(EvalCounts matching);
    }
}
