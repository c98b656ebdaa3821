package org.ambidex.eval;

import java.util.Iterator;
import java.util.Locale;
import org.ambidex.data.HandType;
import org.ambidex.data.freihand.FreiHandDataset;
import org.ambidex.data.freihand.FreiHandSample;

/** FreiHAND samples as evaluation ground truth: one right hand, every joint valid, id {@code %08d}. */
public final class FreiHandGroundTruth {

    private FreiHandGroundTruth() {
    }

    public static GroundTruthSample of(FreiHandSample s) {
        return new GroundTruthSample(String.format(Locale.ROOT, "%08d", s.index()), HandType.RIGHT, true,
            HandTruth.allValid(s.joints(), s.vertices()), null, s.intrinsics());
    }

    /** The dataset's samples, converted while iterated. */
    public static Iterable<GroundTruthSample> view(FreiHandDataset dataset) {
        return () -> {
            Iterator<FreiHandSample> it = dataset.iterator();
            return new Iterator<>() {
                @Override
                public boolean hasNext() {
                    return it.hasNext();
                }

                @Override
                public GroundTruthSample next() {
                    return of(it.next());
                }
            };
        };
    }
}
