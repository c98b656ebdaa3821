package org.ambidex.nets;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.ambidex.ExternalProcess;

/** Runs the reference script with Debian's python3-torch, when it is installed (tests skip otherwise). */
public final class PyTorch {

    public static final Path PYTHON = Path.of("/usr/bin/python3");
    public static final Path SCRIPT = Path.of("src/test/python/internet_reference.py");

    private PyTorch() {
    }

    /** Skips the calling test, saying why, unless /usr/bin/python3 imports torch, numpy and (optionally) cv2. */
    public static void assumeAvailable(boolean needOpenCv) {
        String imports = needOpenCv ? "import torch, numpy, cv2" : "import torch, numpy";
        boolean ok;
        try {
            ok = run(List.of(PYTHON.toString(), "-c", imports), 120).isEmpty();
        } catch (IOException e) {
            ok = false;
        }
        assumeTrue(ok, "PyTorch comparison skipped: " + PYTHON + " cannot '" + imports + "' (install Debian's "
            + "python3-torch" + (needOpenCv ? " and python3-opencv" : "") + ", as .ci/install.d/python3-torch.sh does)");
    }

    /** Skips the calling test, saying why, unless /usr/bin/python3 imports every one of {@code modules}. */
    public static void assumeImports(String... modules) {
        String imports = "import " + String.join(", ", modules);
        boolean ok;
        try {
            ok = run(List.of(PYTHON.toString(), "-c", imports), 120).isEmpty();
        } catch (IOException e) {
            ok = false;
        }
        assumeTrue(ok, "PyTorch comparison skipped: " + PYTHON + " cannot '" + imports + "' (install Debian's python3-"
            + String.join(", python3-", modules) + ", as .ci/install.d/python3-torch.sh does)");
    }

    /** Runs the reference script with {@code args}; fails with its output when it fails. */
    public static void script(String... args) throws IOException {
        scriptAt(SCRIPT, args);
    }

    /** Runs the reference script {@code script} with {@code args}; fails with its output when it fails. */
    public static void scriptAt(Path script, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(PYTHON.toString(), script.toString()));
        cmd.addAll(List.of(args));
        String error = run(cmd, 900);
        if (!error.isEmpty()) {
            throw new AssertionError(script.getFileName() + " failed: " + error);
        }
    }

    /** Runs {@code cmd}; returns "" on success, else its exit status and output. */
    private static String run(List<String> cmd, int timeoutSeconds) throws IOException {
        if (!Files.isExecutable(Path.of(cmd.get(0)))) {
            return "no " + cmd.get(0);
        }
        return ExternalProcess.run(cmd, Map.of("AMBIDEX_SAVE_HEATMAP", "1"), timeoutSeconds);
    }
}
