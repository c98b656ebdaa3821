/**
 * Training S2HAND (Chen et al., CVPR 2021) without 3-D labels: its renderer-free loss terms on DJL arrays
 * (differentiable, each as its reference weighs it; SEED_SPEC.md F.3) and its keypoint stage as a
 * {@link org.ambidex.train.TrainingTask} ({@code ambidex train --arch s2hand} runs it on FreiHAND). The other
 * stages and the rendered terms are still to come (issue 23).
 */
package org.ambidex.train.s2hand;
