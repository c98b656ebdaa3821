package org.ambidex.nets.tflite;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs images through TensorFlow Lite 2.6.2 in a separate JVM ({@link TfliteReferenceRunner}) whose class path is
 * only the test classes: the reference library never shares a process with DJL's PyTorch.
 */
final class TfliteReference {

    /** Images for one model: {@code nhwc} holds {@code images} images, each run alone (batch 1). */
    record Job(Path model, int threads, boolean xnnpack, float[] nhwc, int images) {
    }

    private TfliteReference() {
    }

    /** For each job, for each image, the model's outputs in its order. */
    static List<List<List<float[]>>> run(List<Job> jobs, Path workDir) throws IOException, InterruptedException {
        Path request = workDir.resolve("tflite-request.bin");
        Path response = workDir.resolve("tflite-response.bin");
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(request)))) {
            out.writeInt(jobs.size());
            for (Job job : jobs) {
                out.writeUTF(job.model().toAbsolutePath().toString());
                out.writeInt(job.threads());
                out.writeBoolean(job.xnnpack());
                out.writeInt(job.images());
                out.writeInt(job.nhwc().length / job.images());
                for (float v : job.nhwc()) {
                    out.writeFloat(v);
                }
            }
        }
        String classes = Path.of(TfliteReferenceRunner.class.getProtectionDomain().getCodeSource().getLocation()
            .getPath()).toString();
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(java.toString(), "-Xmx512m", "-cp", classes,
            TfliteReferenceRunner.class.getName(), TfliteRuntime.defaultDirectory().toAbsolutePath().toString(),
            request.toString(), response.toString()).redirectErrorStream(true).start();
        byte[] log = p.getInputStream().readAllBytes();
        if (!p.waitFor(300, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("the TFLite reference runner timed out");
        }
        if (p.exitValue() != 0) {
            throw new IOException("the TFLite reference runner failed (exit " + p.exitValue() + "): "
                + new String(log, StandardCharsets.UTF_8));
        }
        List<List<List<float[]>>> result = new ArrayList<>();
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(response)))) {
            for (Job job : jobs) {
                List<List<float[]>> images = new ArrayList<>();
                for (int i = 0; i < job.images(); i++) {
                    List<float[]> outputs = new ArrayList<>();
                    int n = in.readInt();
                    for (int o = 0; o < n; o++) {
                        float[] v = new float[in.readInt()];
                        for (int k = 0; k < v.length; k++) {
                            v[k] = in.readFloat();
                        }
                        outputs.add(v);
                    }
                    images.add(outputs);
                }
                result.add(images);
            }
        }
        return result;
    }
}
