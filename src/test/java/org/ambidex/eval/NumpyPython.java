package org.ambidex.eval;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.ambidex.ExternalProcess;

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
        return ExternalProcess.run(cmd, Map.of(), timeoutSeconds);
    }
}
