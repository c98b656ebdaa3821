/**
 * Training IntagHand: its loss terms as the reference computes them ({@code core/Loss.py}), its schedule
 * ({@code StepLR_withWarmUp}), the training step for the shared loop (Adam, frozen up-sampling) and the export in the
 * published checkpoint's layout. The data pipeline (crops and rendered targets from InterHand2.6M) is not written
 * yet: batches come from an {@link org.ambidex.train.intaghand.IntagHandBatches}.
 */
package org.ambidex.train.intaghand;
