package org.ambidex.io.pickle;

/**
 * A limit on the bytes copied while making tensors from storages. Views normally copy at most what their
 * storages hold (slices, transposes); a hostile file could make thousands of overlapping or stride-0 views
 * of one large storage and exhaust memory, which this refuses with a clear message instead.
 */
public final class CopyBudget {

    private final long limit;
    private long used;

    private CopyBudget(long limit) {
        this.limit = limit;
    }

    /** No limit (plain pickles hold no storages). */
    public static CopyBudget unlimited() {
        return new CopyBudget(Long.MAX_VALUE);
    }

    /** Twice the bytes of the storages plus 256 MiB: more than any ordinary checkpoint's views need. */
    public static CopyBudget forStorages(long storageBytes) {
        return new CopyBudget(Math.addExact(Math.multiplyExact(storageBytes, 2), 256L << 20));
    }

    void charge(long bytes, String storageKey) {
        used += bytes;
        if (used > limit) {
            throw new PickleException("tensor views of storage " + storageKey + " expand to more than " + limit
                + " bytes, over twice the data the file holds: refused");
        }
    }
}
