package org.ambidex.train;

import java.util.SplittableRandom;

/**
 * The seeded order in which a training run visits its samples: each epoch is a permutation of {@code 0..size-1}
 * drawn from {@code (seed, epoch)}, cut into batches of {@code batchSize} (the incomplete last batch is dropped, as
 * PyTorch's loader with {@code drop_last}); each sample's augmentation draws from its own stream seeded by
 * {@code (seed, epoch, sample)}.
 *
 * <p>So the samples and augmentations of a step follow from the seed and the step number alone: a run resumed
 * at step {@code s} needs no random-generator state beyond {@code s}.
 *
 * @param seed the run's seed
 * @param size samples in the training set
 * @param batchSize samples per step
 */
public record DataOrder(long seed, int size, int batchSize) {

    public DataOrder {
        if (batchSize < 1) {
            throw new IllegalArgumentException("the batch size must be positive, got " + batchSize);
        }
        if (size < batchSize) {
            throw new IllegalArgumentException("a training set of " + size + " samples fills no batch of "
                + batchSize);
        }
    }

    /** Steps per epoch (complete batches). */
    public int stepsPerEpoch() {
        return size / batchSize;
    }

    /** The epoch (from 0) that global step {@code step} (from 0) belongs to. */
    public int epochOf(long step) {
        return Math.toIntExact(step / stepsPerEpoch());
    }

    /** The permutation of epoch {@code epoch} (Fisher-Yates from {@code (seed, epoch)}). */
    public int[] permutation(int epoch) {
        SplittableRandom r = new SplittableRandom(mix(seed, epoch, -1));
        int[] p = new int[size];
        for (int i = 0; i < size; i++) {
            p[i] = i;
        }
        for (int i = size - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    /** The sample indices of global step {@code step}, in batch order. */
    public int[] batch(long step) {
        int epoch = epochOf(step);
        int position = Math.toIntExact(step % stepsPerEpoch());
        int[] order = permutation(epoch);
        int[] out = new int[batchSize];
        System.arraycopy(order, position * batchSize, out, 0, batchSize);
        return out;
    }

    /** The seed of sample {@code sample}'s augmentation in epoch {@code epoch}. */
    public long sampleSeed(int epoch, int sample) {
        return mix(seed, epoch, sample);
    }

    /** A 64-bit mix of three values (SplitMix-style finaliser), so nearby inputs give unrelated seeds. */
    static long mix(long seed, long a, long b) {
        long h = seed * 0x9E3779B97F4A7C15L + a;
        h = (h ^ (h >>> 31)) * 0xBF58476D1CE4E5B9L + b;
        h = (h ^ (h >>> 27)) * 0x94D049BB133111EBL;
        return h ^ (h >>> 31);
    }
}
