/**
 * Training S2HAND (Chen et al., CVPR 2021) without 3-D labels: its loss terms on DJL arrays (differentiable), each
 * as its reference weighs it (SEED_SPEC.md F.3). The training loop, the keypoint files and the rendered terms are
 * still to come (issue 23).
 */
package org.ambidex.train.s2hand;
