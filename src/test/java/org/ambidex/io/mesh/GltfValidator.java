package org.ambidex.io.mesh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Runs the Khronos glTF validator (npm gltf-validator, pinned in tools/gltf-validator, installed by
 * .ci/install.d/gltf-validator.sh) on a file. When it is not installed the calling test is skipped, unless
 * AMBIDEX_REQUIRE_GLTF_VALIDATOR=1 (as in CI), which makes it fail.
 */
public final class GltfValidator {

    private GltfValidator() {
    }

    /** The validator's report of {@code glb} as JSON. */
    public static JsonNode report(Path glb) throws IOException, InterruptedException {
        Path tool = Path.of(System.getProperty("ambidex.repo.root", ".")).resolve("tools/gltf-validator");
        boolean installed = Files.isDirectory(tool.resolve("node_modules/gltf-validator")) && nodeAvailable();
        if (!installed) {
            String message = "the Khronos glTF validator is not installed: run .ci/install.d/gltf-validator.sh "
                + "(needs node and npm)";
            if ("1".equals(System.getenv("AMBIDEX_REQUIRE_GLTF_VALIDATOR"))) {
                fail(message + " (AMBIDEX_REQUIRE_GLTF_VALIDATOR=1)");
            }
            assumeTrue(false, message);
        }
        Process p = new ProcessBuilder("node", tool.resolve("validate.js").toString(), glb.toString())
            .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isZero();
        return new ObjectMapper().readTree(out);
    }

    /** Asserts that the validator finds no error and no warning in {@code glb}; returns its report. */
    public static JsonNode assertValid(Path glb) throws IOException, InterruptedException {
        JsonNode report = report(glb);
        JsonNode issues = report.get("issues");
        assertThat(issues.get("numErrors").asInt()).as(report.toPrettyString()).isZero();
        assertThat(issues.get("numWarnings").asInt()).as(report.toPrettyString()).isZero();
        assertThat(report.at("/info/version").asText()).isEqualTo("2.0");
        return report;
    }

    private static boolean nodeAvailable() {
        try {
            Process p = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
