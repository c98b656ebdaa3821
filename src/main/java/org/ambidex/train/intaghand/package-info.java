/**
 * Training IntagHand: its loss terms as the reference computes them ({@code core/Loss.py}), its schedule
 * ({@code StepLR_withWarmUp}), the training step for the shared loop (Adam, frozen up-sampling), the export in the
 * published checkpoint's layout, and the data pipeline ({@link org.ambidex.train.intaghand.IntagHandExamples}: the
 * crops and rendered targets of {@code dataset/interhand.py}, the augmentation of {@code core/loader.py}) that
 * {@link org.ambidex.train.intaghand.IntagHandSampleBatches} turns into batches.
 */
package org.ambidex.train.intaghand;
