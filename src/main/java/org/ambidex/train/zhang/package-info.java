/**
 * Training Zhang et al. v2 as its reference does (SEED_SPEC E.2; {@code main/train.py}, {@code common/base.py},
 * {@code main/model.py}, {@code data/InterHand2.6M/dataset.py}): interacting-hand samples with ground truth from
 * their NeuralAnnot MANO parameters, InterNet's augmentation and crop, {@link org.ambidex.nets.zhang.ZhangLoss},
 * Adam over the mesh branch only, starting from an InterNet snapshot, and the
 * {@link org.ambidex.train.TrainingTask} the shared loop runs.
 */
package org.ambidex.train.zhang;
