package org.ambidex.nets.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import org.ambidex.hand.HandModelLoader;
import org.ambidex.hand.HandSide;
import org.ambidex.nets.Threads;
import org.ambidex.nets.s2hand.S2HandModel;

/**
 * S2HAND's forward ({@link S2HandBench}'s) timed by the calling thread's CPU time per batch (median of {@code runs}
 * after 3 warm-up runs), beside the wall time: at one PyTorch thread the work runs on the calling thread, so its CPU
 * time is the cost whatever else the machine runs. src/test/python/s2hand_speed.py prints the same for PyTorch.
 * Arguments: batch, runs.
 *
 * <pre>java -Dai.djl.offline=true -cp target/classes:target/test-classes:$(cat cp.txt) \
 *     org.ambidex.nets.bench.S2HandCpuTime 8 10</pre>
 */
public final class S2HandCpuTime {

    private S2HandCpuTime() {
    }

    public static void main(String[] args) {
        int batch = Integer.parseInt(args[0]);
        int runs = Integer.parseInt(args[1]);
        Threads.set(1);
        ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        double[] wall = new double[runs];
        double[] cpu = new double[runs];
        float[] input = new float[batch * 3 * 224 * 224];
        SplittableRandom r = new SplittableRandom(2);
        for (int i = 0; i < input.length; i++) {
            input[i] = (float) r.nextDouble();
        }
        try (S2HandModel model = S2HandModel.initialised(HandModelLoader.load(
            Path.of("src/test/resources/fixtures/mano-format/MANO_RIGHT.pkl"), HandSide.RIGHT, false), 1)) {
            for (int i = 0; i < 3; i++) {
                model.predict(input, batch);
            }
            for (int i = 0; i < runs; i++) {
                long c = bean.getCurrentThreadCpuTime();
                long w = System.nanoTime();
                model.predict(input, batch);
                cpu[i] = (bean.getCurrentThreadCpuTime() - c) / 1e6;
                wall[i] = (System.nanoTime() - w) / 1e6;
            }
        }
        Arrays.sort(wall);
        Arrays.sort(cpu);
        System.out.printf(Locale.ROOT, "ambidex S2HAND batch %d, 1 thread: thread CPU median %.1f ms, wall median %.1f"
            + " ms (min %.1f)%n", batch, cpu[runs / 2], wall[runs / 2], wall[0]);
    }
}
