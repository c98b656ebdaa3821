package org.ambidex.eval;

import java.util.List;

/**
 * Random access to ground truth by position, with the sample ids known up front, so that predictions (in any
 * order) can be matched without holding every ground-truth sample in memory: a dataset reader can parse a
 * sample when it is asked for.
 */
public interface GroundTruthIndex {

    int size();

    /** The id of sample {@code i}. */
    String id(int i);

    /** Sample {@code i}. */
    GroundTruthSample get(int i);

    /** An index over samples held in memory. */
    static GroundTruthIndex of(List<GroundTruthSample> samples) {
        List<GroundTruthSample> copy = List.copyOf(samples);
        return new GroundTruthIndex() {
            @Override
            public int size() {
                return copy.size();
            }

            @Override
            public String id(int i) {
                return copy.get(i).id();
            }

            @Override
            public GroundTruthSample get(int i) {
                return copy.get(i);
            }
        };
    }
}
