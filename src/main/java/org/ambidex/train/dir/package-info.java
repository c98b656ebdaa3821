/**
 * Training DIR: its objective ({@code models/dir.py: DIR.forward} in training mode, {@code models/loss.py},
 * {@code models/lovasz_loss.py}; {@link org.ambidex.train.dir.DirLosses}), its examples and targets
 * ({@link org.ambidex.train.dir.DirExamples}, {@link org.ambidex.train.dir.DirTargetMaps}) and the task the shared
 * loop runs with {@code train.py}'s optimiser, schedule and saved-file layout
 * ({@link org.ambidex.train.dir.DirTrainingTask}).
 */
package org.ambidex.train.dir;
