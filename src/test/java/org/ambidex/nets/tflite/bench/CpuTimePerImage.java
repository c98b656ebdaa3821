package org.ambidex.nets.tflite.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;

/**
 * The wall time per image (median of {@code runs} after 10 warm-up runs), beside the CPU time of the calling thread
 * (the cost of an image whatever else the machine runs, where the engine computes on the calling thread: TFLite and
 * the op-by-op interpreter at one thread; ambidex's scripted graphs run on a thread of their own, so for them it is
 * near zero and only the wall time counts). Arguments: model ({@code LANDMARK_FULL}, {@code PALM_FULL}, ...),
 * engine ({@code ambidex}, {@code ambidex-op-by-op}, {@code tflite-xnnpack}, {@code tflite-builtin}), threads, runs.
 * Run each engine in its own JVM:
 *
 * <pre>java -Dai.djl.offline=true -cp target/classes:target/test-classes:$(cat cp.txt) \
 *     org.ambidex.nets.tflite.bench.CpuTimePerImage LANDMARK_FULL ambidex 1 40</pre>
 *
 * (cp.txt from {@code ./mvnw -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=cp.txt}).
 */
public final class CpuTimePerImage {

    private CpuTimePerImage() {
    }

    public static void main(String[] args) throws Exception {
        ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        int runs = Integer.parseInt(args[3]);
        double[] wall = new double[runs];
        double[] cpu = new double[runs];
        try (OneImage image = new OneImage(args[0], args[1], Integer.parseInt(args[2]))) {
            for (int i = 0; i < 10; i++) {
                image.run();
            }
            for (int i = 0; i < runs; i++) {
                long c = bean.getCurrentThreadCpuTime();
                long w = System.nanoTime();
                image.run();
                cpu[i] = (bean.getCurrentThreadCpuTime() - c) / 1e6;
                wall[i] = (System.nanoTime() - w) / 1e6;
            }
        }
        Arrays.sort(wall);
        Arrays.sort(cpu);
        System.out.printf(Locale.ROOT, "%s %s %s threads: thread CPU median %.2f ms, wall median %.2f ms (min %.2f)%n",
            args[0], args[1], args[2], cpu[runs / 2], wall[runs / 2], wall[0]);
    }
}
