package org.ambidex.cli;

import org.ambidex.core.BuildInfo;
import picocli.CommandLine.IVersionProvider;

/** {@code ambidex --version}: ambidex version, git commit, DJL and PyTorch versions. */
final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        BuildInfo b = BuildInfo.current();
        return new String[] {
            "ambidex " + b.version() + " (commit " + b.commit() + ")",
            "DJL " + b.djlVersion() + ", PyTorch " + b.pytorchVersion() + " (" + b.pytorchFlavor() + ")",
            "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"
        };
    }
}
