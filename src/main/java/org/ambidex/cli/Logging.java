package org.ambidex.cli;

import org.ambidex.nets.NativeLog;

/**
 * Logging setup for the command line: slf4j-simple, warnings only by default, debug under {@code --debug}; PyTorch's
 * native warnings only under {@code --debug} ({@link NativeLog}). Must run before the first logger is created, since
 * slf4j-simple reads its settings once.
 */
final class Logging {
    private Logging() {
    }

    static void configure(boolean debug) {
        if (debug) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "debug");
            System.setProperty("org.slf4j.simpleLogger.showDateTime", "true");
            System.setProperty("org.slf4j.simpleLogger.dateTimeFormat", "HH:mm:ss.SSS");
        }
        NativeLog.showWarnings(debug);
    }
}
