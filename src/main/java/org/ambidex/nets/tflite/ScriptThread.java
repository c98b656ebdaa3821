package org.ambidex.nets.tflite;

import ai.djl.pytorch.jni.JniUtils;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The one thread that runs the scripted graphs ({@link ScriptedGraph}), so that their XNNPACK convolutions and
 * PyTorch's OpenMP threads never fight over the cores.
 *
 * <p>Why: libtorch runs XNNPACK on its own thread pool (sized by {@code torch.set_num_threads}, like OpenMP's), and
 * OpenMP's worker threads spin for milliseconds after every parallel ATen op. With two threads on two cores, one
 * parallel ATen op before the convolutions (the copy of the input) left a spinning OpenMP worker on the core
 * XNNPACK's second thread needs: a MobileNetV2-shaped test network of XNNPACK convolutions took 12 ms at two
 * threads, 6.5 ms at one, and 4.2 ms at two with OpenMP's workers told not to spin ({@code OMP_WAIT_POLICY=passive},
 * an environment variable Java cannot set for itself). OpenMP's thread
 * count is per calling thread (its {@code nthreads} setting), so this thread sets its own to 1: the ATen ops
 * between convolutions run serially here (they are small), while the pool keeps the process's thread count.
 * Setting 1 on this thread also sets the pool to 1, so the count the process had is set again right after, from
 * the calling thread. (PyTorch initialises a thread's count on its first parallel call, so this thread makes that
 * call first; later {@code torch.set_num_threads} calls from other threads resize the pool and leave this thread's
 * count alone.)
 *
 * <p>Graphs are run one at a time here: XNNPACK's pool is one per process, so concurrent runs would queue for it
 * anyway.
 */
final class ScriptThread {

    private static final ExecutorService THREAD = Executors.newSingleThreadExecutor(task -> {
        Thread t = new Thread(task, "ambidex-tflite-script");
        t.setDaemon(true);
        return t;
    });
    private static volatile boolean prepared;

    private ScriptThread() {
    }

    /** {@code task}'s result, computed on the script thread (the engine must be loaded). */
    static <T> T call(Callable<T> task) {
        prepare();
        return await(THREAD.submit(task));
    }

    private static void prepare() {
        if (prepared) {
            return;
        }
        synchronized (ScriptThread.class) {
            if (!prepared) {
                int processThreads = JniUtils.getNumThreads();
                await(THREAD.submit(() -> {
                    JniUtils.getNumThreads();
                    JniUtils.setNumThreads(1);
                    return null;
                }));
                JniUtils.setNumThreads(processThreads);
                prepared = true;
            }
        }
    }

    private static <T> T await(Future<T> result) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return result.get();
                } catch (InterruptedException e) {
                    // The graph runs to its end on the script thread either way; wait for it, then re-interrupt.
                    interrupted = true;
                }
            }
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(cause);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
