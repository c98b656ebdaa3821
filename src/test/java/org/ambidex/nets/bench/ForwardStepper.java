package org.ambidex.nets.bench;

import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.ambidex.nets.Threads;
import org.ambidex.nets.dir.DirModel;
import org.ambidex.nets.intaghand.IntagHandModel;

/**
 * One side of src/test/python/paired_speed.py: loads IntagHand (a misc folder) or DIR (a checkpoint) folded for
 * prediction as the architectures open them, on one intra-op thread, prints {@code ready}, then runs one forward
 * pass of a random batch for every {@code go} line on standard input and prints its wall milliseconds; any other
 * line ends it.
 *
 * <pre>java -cp ... org.ambidex.nets.bench.ForwardStepper intaghand|dir PATH BATCH</pre>
 */
public final class ForwardStepper {

    private ForwardStepper() {
    }

    public static void main(String[] args) throws IOException {
        String kind = args[0];
        Path path = Path.of(args[1]);
        int batch = Integer.parseInt(args[2]);
        Threads.set(1);
        float[] input = new float[batch * 3 * 256 * 256];
        SplittableRandom random = new SplittableRandom(2);
        for (int i = 0; i < input.length; i++) {
            input[i] = (float) random.nextDouble();
        }
        Runnable forward;
        AutoCloseable model;
        if (kind.equals("intaghand")) {
            IntagHandModel m = IntagHandModel.open(path, null);
            m.network().foldBatchNorms(m.manager());
            forward = () -> m.predict(input, batch);
            model = m;
        } else if (kind.equals("dir")) {
            DirModel m = DirModel.load(path);
            m.network().foldBatchNorms(m.manager());
            forward = () -> m.predict(input, batch);
            model = m;
        } else {
            throw new IllegalArgumentException("kind must be intaghand or dir, not " + kind);
        }
        // stdout as the protocol's channel, unbuffered lines; the libraries' logging goes to stderr
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        out.println("ready");
        for (String line = in.readLine(); "go".equals(line); line = in.readLine()) {
            long start = System.nanoTime();
            forward.run();
            out.println((System.nanoTime() - start) / 1e6);
        }
        try {
            model.close();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
