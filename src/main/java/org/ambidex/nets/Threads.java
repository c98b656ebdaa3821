package org.ambidex.nets;

import ai.djl.pytorch.jni.JniUtils;

/** The number of CPU threads PyTorch uses for one operation (intra-op parallelism). */
public final class Threads {

    private Threads() {
    }

    /** Sets PyTorch's intra-op thread count ({@code torch.set_num_threads}). */
    public static void set(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        loadEngine();
        JniUtils.setNumThreads(threads);
    }

    /** The native library is loaded with the engine; calling into it before that fails with a link error. */
    private static void loadEngine() {
        NativeLog.apply();
    }

    /** PyTorch's current intra-op thread count. */
    public static int get() {
        loadEngine();
        return JniUtils.getNumThreads();
    }
}
