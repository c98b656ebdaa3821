package org.ambidex.nets;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDScope;
import java.util.function.Supplier;

/**
 * Frees the arrays a step of a forward pass makes and does not return as soon as the step returns, when nothing
 * trains.
 *
 * <p>Why: DJL frees an array when it is closed or its manager closes, so without this every intermediate of a
 * prediction lives until the prediction ends (the models' {@code predict} close them all then, through an
 * {@link NDScope}), while PyTorch frees each when its last reference goes. IntagHand makes about 250 MB of arrays
 * per pass at batch 1 (PyTorch's profiler); kept alive, every pass writes to memory that is out of the caches; freed
 * step by step, the allocator hands the next step the blocks the last one left warm (docs/BENCHMARKS.md has the
 * measurements).
 *
 * <p>A step runs in its own {@link NDScope}: what it makes is closed when it returns, except its result, whose arrays
 * then belong to the enclosing scope as if made there (so an enclosing step frees them in turn). A step's result must
 * be arrays it made, not a parameter; a result array that is one of the step's given inputs is left to whoever
 * owns it. Arrays a layer keeps across calls (caches) must be taken out of the scope they are made in
 * ({@link NDScope#unregister}), as {@code predict}'s own scope already requires. In training mode the step simply
 * runs: the gradient pass needs what it made.
 */
public final class Intermediates {

    private Intermediates() {
    }

    /** {@code step}'s arrays, all else it made closed (unless {@code training}); {@code inputs} are not closed. */
    public static NDList step(boolean training, NDList inputs, Supplier<NDList> step) {
        if (training) {
            return step.get();
        }
        NDList result;
        try (NDScope scope = new NDScope()) {
            result = step.get();
            NDScope.unregister(result);
        }
        for (NDArray array : result) {
            if (!contains(inputs, array)) {
                NDScope.register(array);
            }
        }
        return result;
    }

    /** {@code step}'s array, all else it made closed (unless {@code training}); {@code input} is not closed. */
    public static NDArray step(boolean training, NDArray input, Supplier<NDArray> step) {
        return step(training, new NDList(input), () -> new NDList(step.get())).singletonOrThrow();
    }

    private static boolean contains(NDList list, NDArray array) {
        for (NDArray a : list) {
            if (a == array) {
                return true;
            }
        }
        return false;
    }
}
