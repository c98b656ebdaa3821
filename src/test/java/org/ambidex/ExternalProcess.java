package org.ambidex;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs an external program for a test (a reference script): success, or its exit status and output. */
public final class ExternalProcess {

    private ExternalProcess() {
    }

    /**
     * Runs {@code cmd} with {@code environment} added to this process's; "" on success, else its exit status and
     * output (stdout and stderr together), or "timed out" / "interrupted".
     *
     * @throws IOException when the program cannot be started
     */
    public static String run(List<String> cmd, Map<String, String> environment, int timeoutSeconds)
        throws IOException {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().putAll(environment);
        Process p = pb.start();
        try {
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return "timed out";
            }
            return p.exitValue() == 0 ? "" : "exit " + p.exitValue() + ": " + new String(out, StandardCharsets.UTF_8);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            return "interrupted";
        }
    }
}
