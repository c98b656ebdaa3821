/**
 * Training InterNet (SEED_SPEC A.9, B.5): batches with the reference's augmentation and output-space targets, the
 * Gaussian heatmap, root-depth and hand-type losses, and the {@link org.ambidex.train.TrainingTask} the shared loop
 * runs.
 */
package org.ambidex.train.internet;
