/**
 * S2HAND (Chen et al., CVPR 2021, "Model-based 3D Hand Reconstruction via Self-Supervised Learning"): an
 * EfficientNet-B3 encoder, an MLP regressing 30 MANO PCA coefficients with a global rotation, scale and translation,
 * its own MANO variant (fixed root rotation, its own fingertip vertices) on {@link org.ambidex.hand.HandLayer}, and a
 * texture and lighting head, and the 2-D heat-map branch (a two-stage hourglass with integral joints) its training
uses. Module and parameter names are those of TerenceCYJ/S2HAND, so its published
 * {@code texturehand_*.t7} files load as they are (SEED_PORTS.md section 5, SEED_SPEC.md F.3).
 */
package org.ambidex.nets.s2hand;
