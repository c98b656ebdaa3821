package org.ambidex.eval;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.IntFunction;
import java.util.function.ObjIntConsumer;
import org.ambidex.core.Progress;

/**
 * Matches streamed predictions to ground truth by sample id: only the ids are held; each prediction whose id has
 * ground truth is handed over with the ground truth's position, once, in the predictions' order.
 */
final class IdMatching {

    /**
     * What a matching pass saw.
     *
     * @param offered predictions read
     * @param unmatched predictions whose id has no ground truth
     */
    record Result(long offered, long unmatched) {
        long matched() {
            return offered - unmatched;
        }
    }

    private final Map<String, Integer> byId;

    /**
     * Indexes {@code size} ground-truth ids.
     *
     * @throws IllegalArgumentException when two share an id
     */
    IdMatching(int size, IntFunction<String> idOf) {
        byId = new HashMap<>(Math.max(16, size * 4 / 3));
        for (int i = 0; i < size; i++) {
            if (byId.putIfAbsent(idOf.apply(i), i) != null) {
                throw new GroundTruthException("two ground-truth samples share the id " + idOf.apply(i));
            }
        }
    }

    int size() {
        return byId.size();
    }

    /**
     * Reads {@code predictions}, giving each matched one to {@code matched} with its ground truth's position, and
     * stepping {@code progress} for each.
     *
     * @throws IllegalArgumentException when two predictions share an id
     */
    Result run(Iterable<Prediction> predictions, ObjIntConsumer<Prediction> matched, Progress progress) {
        Set<String> seen = new HashSet<>();
        long offered = 0;
        long unmatched = 0;
        for (Prediction p : predictions) {
            offered++;
            if (!seen.add(p.id())) {
                throw new IllegalArgumentException("two predictions share the sample id " + p.id());
            }
            Integer i = byId.get(p.id());
            if (i == null) {
                unmatched++;
                continue;
            }
            matched.accept(p, i);
            progress.step();
        }
        return new Result(offered, unmatched);
    }
}
