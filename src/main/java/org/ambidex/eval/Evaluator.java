package org.ambidex.eval;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

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
    public static EvalReport evaluate(Protocol protocol, Iterable<GroundTruthSample> truth,
                                      Iterable<Prediction> predictions) {
        Map<String, GroundTruthSample> byId = new HashMap<>();
        for (GroundTruthSample s : truth) {
            if (byId.putIfAbsent(s.id(), s) != null) {
                throw new IllegalArgumentException("two ground-truth samples share the id " + s.id());
            }
        }
        Protocol.Run run = protocol.start();
        Set<String> seen = new HashSet<>();
        long offered = 0;
        long unmatched = 0;
        for (Prediction p : predictions) {
            offered++;
            if (!seen.add(p.id())) {
                throw new IllegalArgumentException("two predictions share the sample id " + p.id());
            }
            GroundTruthSample gt = byId.get(p.id());
            if (gt == null) {
                unmatched++;
                continue;
            }
            run.add(gt, p);
        }
        long matched = offered - unmatched;
        return run.finish(new EvalCounts(byId.size(), offered, matched, 0, 0, byId.size() - matched, unmatched, 0, 0));
    }
}
