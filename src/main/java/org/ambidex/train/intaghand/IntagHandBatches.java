package org.ambidex.train.intaghand;

import ai.djl.ndarray.NDManager;

/**
 * Where a training step's batch comes from: the examples {@code indices} of the training set, each augmented from
 * its own stream seeded by {@code seeds[i]} (the same indices and seeds must give the same batch, for exact
 * resumption), made on {@code manager}.
 */
@FunctionalInterface
public interface IntagHandBatches {

    IntagHandBatch make(int[] indices, long[] seeds, NDManager manager);
}
