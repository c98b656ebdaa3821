package org.ambidex.train;

import ai.djl.ndarray.NDArray;
import java.util.Map;

/** The optimised loss of a step: its named terms added in their order. */
public final class LossSum {

    private LossSum() {
    }

    /**
     * The sum of {@code terms} (scalar arrays, added first to last), each term's value put into {@code values} under
     * its name on the way.
     */
    public static NDArray of(Map<String, NDArray> terms, Map<String, Double> values) {
        if (terms.isEmpty()) {
            throw new IllegalArgumentException("a loss needs at least one term");
        }
        NDArray sum = null;
        for (Map.Entry<String, NDArray> e : terms.entrySet()) {
            values.put(e.getKey(), (double) e.getValue().getFloat());
            sum = sum == null ? e.getValue() : sum.add(e.getValue());
        }
        return sum;
    }
}
