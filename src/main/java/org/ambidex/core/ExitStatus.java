package org.ambidex.core;

/** The exit statuses every ambidex command uses. */
public final class ExitStatus {
    /** The command did what was asked. */
    public static final int OK = 0;
    /** An internal failure: a bug or an environment problem that is not the user's input. */
    public static final int INTERNAL_FAILURE = 1;
    /** Bad input or usage: a wrong option, a missing or malformed file. */
    public static final int BAD_INPUT = 2;

    private ExitStatus() {
    }
}
