package org.ambidex.train.dir;

import ai.djl.nn.Parameter;
import java.nio.FloatBuffer;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.ambidex.nets.StateEntry;
import org.ambidex.nets.dir.DirModel;

/**
 * PyTorch's default initialisation of DIR's learned tensors, as the reference's modules get it at construction
 * ({@code nn.Conv*} and {@code nn.Linear}: weights and biases uniform in +-1/sqrt(fan in), the value
 * {@code kaiming_uniform_(a=sqrt(5))} gives); normalisation scales stay 1 and shifts 0, buffers (MANO data,
 * running statistics) are left as they are. The draws come from {@code SplittableRandom(seed)}, not torch's
 * generator, so the numbers differ from a torch run with the same seed.
 */
public final class DirInitialisation {

    private DirInitialisation() {
    }

    /** Re-draws every trainable weight of rank 2 or more and its bias in {@code model}. */
    public static void randomise(DirModel model, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Map<String, Double> bounds = new HashMap<>();
        model.network().stateEntries().forEach((name, e) -> {
            if (e instanceof StateEntry.ParameterEntry p && e.trainable() && e.shape().length >= 2
                && name.endsWith(".weight")) {
                long fanIn = 1;
                for (int i = 1; i < e.shape().length; i++) {
                    fanIn *= e.shape()[i];
                }
                double bound = 1 / Math.sqrt(fanIn);
                bounds.put(name.substring(0, name.length() - ".weight".length()), bound);
                fill(p.parameter(), bound, random);
            }
        });
        model.network().stateEntries().forEach((name, e) -> {
            if (e instanceof StateEntry.ParameterEntry p && e.trainable() && name.endsWith(".bias")) {
                Double bound = bounds.get(name.substring(0, name.length() - ".bias".length()));
                if (bound != null) {
                    fill(p.parameter(), bound, random);
                }
            }
        });
    }

    private static void fill(Parameter p, double bound, SplittableRandom random) {
        float[] v = new float[Math.toIntExact(p.getArray().size())];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) ((random.nextDouble() * 2 - 1) * bound);
        }
        p.getArray().set(FloatBuffer.wrap(v));
    }
}
