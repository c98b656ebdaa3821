package org.ambidex.eval;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Finds a Python 3 with NumPy (Debian's /usr/bin/python3 with python3-numpy, else {@code python3} on the PATH) to
 * run the reference scripts of src/test/python; tests that need one skip without it.
 */
final class NumpyPython {

    private static final List<String> CANDIDATES = List.of("/usr/bin/python3", "python3");

    private NumpyPython() {
    }

    /** The first candidate that imports numpy, or null. */
    static String find() {
        for (String python : CANDIDATES) {
            if (python.startsWith("/") && !Files.isExecutable(Path.of(python))) {
                continue;
            }
            try {
                if (run(List.of(python, "-c", "import numpy"), 60).isEmpty()) {
                    return python;
                }
            } catch (IOException e) {
                // not installed: try the next
            }
        }
        return null;
    }

    /** Runs {@code cmd}; "" on success, else its exit status and output. */
    static String run(List<String> cmd, int timeoutSeconds) throws IOException {
        Process p = new ProcessBuilder(new ArrayList<>(cmd)).redirectErrorStream(true).start();
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
