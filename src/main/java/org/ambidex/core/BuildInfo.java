package org.ambidex.core;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * Versions recorded at build time: ambidex, the git commit it was built from, and the DJL and PyTorch
 * versions it was built against.
 *
 * @param version ambidex version (Maven project version)
 * @param commit abbreviated git commit, with {@code -dirty} when the tree had changes, or {@code unknown}
 * @param djlVersion DJL version
 * @param pytorchVersion PyTorch native library version
 * @param pytorchFlavor native flavour ({@code cpu} or {@code cu124})
 */
public record BuildInfo(String version, String commit, String djlVersion, String pytorchVersion, String pytorchFlavor) {

    private static final BuildInfo CURRENT = load();

    /** The build this code belongs to. */
    public static BuildInfo current() {
        return CURRENT;
    }

    /** The version with its commit, as provenance records name this build: {@code 0.1.0 (commit abc123)}. */
    public String describe() {
        return version + " (commit " + commit + ")";
    }

    private static BuildInfo load() {
        Properties p = new Properties();
        try (InputStream in = BuildInfo.class.getResourceAsStream("/org/ambidex/version.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String commit = clean(p.getProperty("commit"));
        if (!"unknown".equals(commit) && Boolean.parseBoolean(clean(p.getProperty("dirty")))) {
            commit += "-dirty";
        }
        return new BuildInfo(clean(p.getProperty("version")), commit, clean(p.getProperty("djl")),
            clean(p.getProperty("pytorch")), clean(p.getProperty("flavor")));
    }

    private static String clean(String value) {
        // An unfiltered placeholder means the property was not known at build time.
        return value == null || value.isBlank() || value.startsWith("${") ? "unknown" : value.strip();
    }
}
