package org.ambidex.nets;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** ResNet's batch norms folded into its convolutions for inference ({@link ResNet#foldBatchNorms}). */
class FoldedBatchNormTest {

    /**
     * With random weights and random running statistics, the folded network gives the unfolded one's feature maps
     * to float32 rounding; a forward pass in training mode drops the fold, after which evaluation follows the running
     * statistics that pass updated (not the stale fold), as folding again does.
     */
    @ParameterizedTest
    @ValueSource(ints = {18, 50})
    void foldingKeepsTheOutputsAndTrainingDropsIt(int depth) {
        try (NDManager manager = NDManager.newBaseManager()) {
            ResNet net = new ResNet(depth, 8);
            net.initializeParameters(manager);
            SplittableRandom random = new SplittableRandom(depth);
            for (Parameter p : net.getParameters().values()) {
                NDArray a = p.getArray();
                float[] v = new float[(int) a.size()];
                for (int i = 0; i < v.length; i++) {
                    // positive variances and scales around 1, zero-centred weights, shifts and means
                    boolean positive = p.getType() == Parameter.Type.RUNNING_VAR || p.getType() == Parameter.Type.GAMMA;
                    v[i] = (float) (positive ? random.nextDouble(0.5, 1.5) : random.nextDouble(-0.3, 0.3));
                }
                a.set(v);
            }
            float[] pixels = new float[2 * 3 * 64 * 64];
            for (int i = 0; i < pixels.length; i++) {
                pixels[i] = (float) random.nextDouble(-1, 1);
            }
            NDArray x = manager.create(pixels, new Shape(2, 3, 64, 64));
            ParameterStore store = new ParameterStore(manager, false);

            float[] plain = levels(net, store, x, false);
            net.foldBatchNorms(manager);
            float[] folded = levels(net, store, x, false);
            double scale = 0;
            double worst = 0;
            for (int i = 0; i < plain.length; i++) {
                scale = Math.max(scale, Math.abs(plain[i]));
                worst = Math.max(worst, Math.abs(plain[i] - folded[i]));
            }
            assertThat(scale).isGreaterThan(0.1);
            assertThat(worst / scale).as("largest difference relative to the largest value").isLessThan(1e-5);
            assertThat(worst).as("folding changes the arithmetic, so something differs").isGreaterThan(0);

            net.forward(store, new NDList(x), true, null); // trains: running statistics move, the fold is dropped
            float[] afterTraining = levels(net, store, x, false);
            assertThat(relativeDifference(afterTraining, folded)).as("the stale fold is not used")
                .isGreaterThan(1e-3);
            net.foldBatchNorms(manager);
            assertThat(relativeDifference(levels(net, store, x, false), afterTraining))
                .as("folded again from the new statistics").isLessThan(1e-5);
        }
    }

    /** The largest absolute difference over the largest absolute value of {@code a}. */
    static double relativeDifference(float[] a, float[] b) {
        double scale = 0;
        double worst = 0;
        for (int i = 0; i < a.length; i++) {
            scale = Math.max(scale, Math.abs(a[i]));
            worst = Math.max(worst, Math.abs(a[i] - b[i]));
        }
        return worst / scale;
    }

    /** All four levels of the pyramid, flattened one after the other. */
    private static float[] levels(ResNet net, ParameterStore store, NDArray x, boolean training) {
        NDList levels = net.pyramid(store, x, training);
        int n = 0;
        for (NDArray l : levels) {
            n += (int) l.size();
        }
        float[] out = new float[n];
        int at = 0;
        for (NDArray l : levels) {
            float[] v = l.toFloatArray();
            System.arraycopy(v, 0, out, at, v.length);
            at += v.length;
        }
        return out;
    }
}
