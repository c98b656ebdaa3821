package org.ambidex.core;

import java.util.Locale;

/**
 * How much of the Java heap a large piece of work may take, so that work too large for it is refused (or made
 * smaller) before it starts, in one line, instead of dying part way with an out-of-memory error and part of its
 * files written. Each consumer names its share of the heap and its bytes per unit (per pixel, say); shares are
 * fixed fractions of the maximum heap, so the same heap gives the same limits (and the same pictures) every run.
 *
 * <p>The system property {@code ambidex.heap.bytes} stands in for the maximum heap, so tests can show what a
 * small heap does without starting a JVM with one.
 */
public record MemoryBudget(long heapBytes) {

    /** The property that overrides {@link Runtime#maxMemory()} (tests). */
    public static final String HEAP_PROPERTY = "ambidex.heap.bytes";

    public MemoryBudget {
        if (heapBytes <= 0) {
            throw new IllegalArgumentException("heap must be positive, got " + heapBytes);
        }
    }

    /** The budget of this process: its maximum heap, or {@value #HEAP_PROPERTY} when set. */
    public static MemoryBudget current() {
        Long forced = Long.getLong(HEAP_PROPERTY);
        return new MemoryBudget(forced != null && forced > 0 ? forced : Runtime.getRuntime().maxMemory());
    }

    /** How many units of {@code bytesPerUnit} fit in {@code share} (0..1] of the heap. */
    public long units(double share, long bytesPerUnit) {
        return (long) (heapBytes * share / bytesPerUnit);
    }

    /** The heap in MB, as messages name it. */
    public String describe() {
        return String.format(Locale.ROOT, "%d MB", heapBytes >> 20);
    }

    /** The advice every refusal for memory ends with. */
    public String advice() {
        return "the " + describe() + " Java heap allows less; raise it with AMBIDEX_JAVA_OPTS=-Xmx...";
    }
}
