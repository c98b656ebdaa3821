package org.ambidex.train.intaghand;

import ai.djl.ndarray.NDArray;

/**
 * One training batch: the network input and its targets.
 *
 * @param image {@code (B, 3, 256, 256)} RGB in [0, 1] normalised with ImageNet's mean and deviation
 */
public record IntagHandBatch(NDArray image, IntagHandTargets targets) {
}
