/**
 * Training S2HAND (Chen et al., CVPR 2021) without 3-D labels: its loss terms on DJL arrays (differentiable, each as
 * its reference weighs it; SEED_SPEC.md F.3): the renderer-free ones, the rendered ones and those on the heat-map
 * branch; and its stages (ambidex's keypoint stage and the reference's SSL-shape, SSL-kp, SSL-finetune and SSL-e2e)
 * as a {@link org.ambidex.train.TrainingTask} ({@code ambidex train --arch s2hand --stage NAME} runs them on
 * FreiHAND or HO-3D).
 */
package org.ambidex.train.s2hand;
