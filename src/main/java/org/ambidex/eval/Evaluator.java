package org.ambidex.eval;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.ambidex.core.Progress;

/** Matches predictions to ground truth by sample id and runs a protocol over the pairs. */
public final class Evaluator {

    private Evaluator() {
    }

    /**
     * Evaluates {@code predictions} against {@code truth} under {@code protocol}. Predictions are consumed once, in
     * order (they may be streamed from a file); ground truth is held by id.
     *
     * @throws IllegalArgumentException when two ground-truth samples or two predictions share an id
     */
    public static EvalReport evaluate(Protocol protocol, List<GroundTruthSample> truth,
                                      Iterable<Prediction> predictions) {
        return evaluate(protocol, GroundTruthIndex.of(truth), predictions);
    }

    /**
     * Evaluates {@code predictions} (streamed, any order) against indexed ground truth: only the ids are held,
     * each sample is fetched when its prediction arrives.
     *
     * @throws IllegalArgumentException when two ground-truth samples or two predictions share an id
     */
    public static EvalReport evaluate(Protocol protocol, GroundTruthIndex truth, Iterable<Prediction> predictions) {
        try (Progress progress = Progress.start("evaluating " + protocol.name(), truth.size())) {
            return evaluate(protocol, truth, predictions, progress);
        }
    }

    /** As {@link #evaluate(Protocol, GroundTruthIndex, Iterable)}, reporting to {@code progress} (one step a sample). */
    public static EvalReport evaluate(Protocol protocol, GroundTruthIndex truth, Iterable<Prediction> predictions,
                                      Progress progress) {
        IdMatching matching = new IdMatching(truth.size(), truth::id);
        Protocol.Run run = protocol.start();
        IdMatching.Result r = matching.run(predictions, (p, i) -> add(run, protocol, truth.get(i), p), progress);
        return run.finish(new EvalCounts(matching.size(), r.offered(), r.matched(), 0, 0,
            matching.size() - r.matched(), r.unmatched(), 0, 0, 0, 0));
    }

    /** Adds one pair, refusing a prediction without the 3-D joints every 3-D protocol needs. */
    private static void add(Protocol.Run run, Protocol protocol, GroundTruthSample truth, Prediction prediction) {
        prediction.requireJoints3d(protocol.name());
        run.add(truth, prediction);
    }

    /**
     * Evaluates sets whose samples come in the same order (FreiHAND's convention): the i-th prediction answers the
     * i-th ground-truth sample. Both are streamed; nothing is held.
     *
     * @throws IllegalArgumentException when the counts differ or a pair's ids differ
     */
    public static EvalReport evaluateInOrder(Protocol protocol, Iterable<GroundTruthSample> truth,
                                             Iterable<Prediction> predictions) {
        Protocol.Run run = protocol.start();
        java.util.Iterator<GroundTruthSample> gt = truth.iterator();
        java.util.Iterator<Prediction> pred = predictions.iterator();
        long n = 0;
        while (gt.hasNext() && pred.hasNext()) {
            GroundTruthSample g = gt.next();
            Prediction p = pred.next();
            if (!g.id().equals(p.id())) {
                throw new IllegalArgumentException("prediction " + n + " answers sample " + p.id() + ", expected "
                    + g.id());
            }
            add(run, protocol, g, p);
            n++;
        }
        if (gt.hasNext() || pred.hasNext()) {
            throw new IllegalArgumentException("the predictions end " + (gt.hasNext() ? "before" : "after")
                + " the ground truth (" + n + " pairs matched); expected one prediction per sample, in order");
        }
        return run.finish(new EvalCounts(n, n, n, 0, 0, 0, 0, 0, 0, 0, 0));
    }

    /**
     * Evaluates ground truth streamed in its own order against predictions looked up by id (each parsed when its
     * sample comes): one pass over the ground truth, nothing but ids held.
     */
    public static EvalReport evaluate(Protocol protocol, Iterable<GroundTruthSample> truth, int truthSize,
                                      PredictionsReader.Index predictions) {
        Protocol.Run run = protocol.start();
        Set<String> seen = new HashSet<>();
        long gtCount = 0;
        long matched = 0;
        try (Progress progress = Progress.start("evaluating " + protocol.name(), truthSize)) {
            for (GroundTruthSample g : truth) {
                gtCount++;
                if (!seen.add(g.id())) {
                    throw new IllegalArgumentException("two ground-truth samples share the id " + g.id());
                }
                Prediction p = predictions.get(g.id());
                if (p != null) {
                    add(run, protocol, g, p);
                    matched++;
                }
                progress.step();
            }
        }
        return run.finish(new EvalCounts(gtCount, predictions.size(), matched, 0, 0, gtCount - matched,
            predictions.size() - matched, 0, 0, 0, 0));
    }
}
