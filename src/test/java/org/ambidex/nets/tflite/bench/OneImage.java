package org.ambidex.nets.tflite.bench;

import java.io.IOException;
import java.io.InputStream;
import org.ambidex.nets.mediapipe.MediaPipeModel;
import org.ambidex.nets.tflite.ModelInputs;
import org.ambidex.nets.tflite.TfliteNetwork;
import org.ambidex.nets.tflite.TfliteRuntime;

/**
 * One image through a MediaPipe network on one engine: {@code ambidex} (DJL's PyTorch engine as ambidex runs it by
 * default: the scripted graph on the CPU), {@code ambidex-op-by-op} (the op-by-op interpreter), {@code tflite-xnnpack} or {@code tflite-builtin} (TensorFlow Lite 2.6.2 from target/tflite-reference), with
 * {@code threads} threads. The input is the centre crop of an example photo.
 */
final class OneImage implements AutoCloseable {

    private final float[] input;
    private final TfliteNetwork network;
    private final TfliteRuntime.Interpreter interpreter;

    OneImage(String model, String engine, int threads) throws IOException, ReflectiveOperationException {
        MediaPipeModel m = MediaPipeModel.valueOf(model);
        input = ModelInputs.example(0, m.inputSize());
        if (engine.equals("ambidex") || engine.equals("ambidex-op-by-op")) {
            org.ambidex.nets.Threads.set(threads);
            network = TfliteNetwork.load(m.model(), engine.equals("ambidex") ? TfliteNetwork.Execution.AUTO
                : TfliteNetwork.Execution.OP_BY_OP);
            interpreter = null;
        } else if (engine.startsWith("tflite-")) {
            byte[] bytes;
            try (InputStream in = MediaPipeModel.class.getClassLoader().getResourceAsStream(m.resource())) {
                bytes = in.readAllBytes();
            }
            network = null;
            interpreter = TfliteRuntime.load(TfliteRuntime.defaultDirectory())
                .open(bytes, threads, engine.equals("tflite-xnnpack"));
        } else {
            throw new IllegalArgumentException("engine " + engine + "; expected ambidex, ambidex-op-by-op, tflite-xnnpack or"
                + " tflite-builtin");
        }
    }

    /** Runs the image; returns the first output, read back into Java. */
    float[] run() throws ReflectiveOperationException {
        return network != null ? network.run(input, 1).get(0) : interpreter.run(input, 0).get(0);
    }

    @Override
    public void close() {
        if (network != null) {
            network.close();
        }
        if (interpreter != null) {
            interpreter.close();
        }
    }
}
