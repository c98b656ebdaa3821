package org.ambidex.nets.tflite;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The reference runner's {@code main}, run by {@link TfliteReference} in a JVM of its own: reads jobs (a model
 * file, threads, XNNPACK or not, images) from a request file, runs each image alone through TensorFlow Lite
 * 2.6.2 and writes every output to a response file. Uses nothing but the JDK and {@link TfliteRuntime}, so this JVM
 * never loads DJL or PyTorch next to TFLite's library.
 *
 * <p>Request: {@code int jobs}, then per job {@code UTF model, int threads, boolean xnnpack, int images, int
 * floatsPerImage, float...}. Response: per job and image {@code int outputs}, then per output {@code int n,
 * float...} (DataOutput, big-endian).
 */
public final class TfliteReferenceRunner {

    private TfliteReferenceRunner() {
    }

    /** {@code args}: the directory of the runtime's jars, the request file, the response file. */
    public static void main(String[] args) throws Exception {
        TfliteRuntime runtime = TfliteRuntime.load(Path.of(args[0]));
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(Path.of(args[1]))));
             DataOutputStream out = new DataOutputStream(new BufferedOutputStream(
                 Files.newOutputStream(Path.of(args[2]))))) {
            int jobs = in.readInt();
            for (int j = 0; j < jobs; j++) {
                byte[] model = Files.readAllBytes(Path.of(in.readUTF()));
                int threads = in.readInt();
                boolean xnnpack = in.readBoolean();
                int images = in.readInt();
                float[] nhwc = new float[Math.multiplyExact(images, in.readInt())];
                for (int i = 0; i < nhwc.length; i++) {
                    nhwc[i] = in.readFloat();
                }
                try (TfliteRuntime.Interpreter interpreter = runtime.open(model, threads, xnnpack)) {
                    for (int image = 0; image < images; image++) {
                        List<float[]> outputs = interpreter.run(nhwc, image * interpreter.inputSize());
                        out.writeInt(outputs.size());
                        for (float[] o : outputs) {
                            out.writeInt(o.length);
                            for (float v : o) {
                                out.writeFloat(v);
                            }
                        }
                    }
                }
            }
        }
    }
}
