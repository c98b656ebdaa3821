package org.ambidex.nets.dir;

import ai.djl.ndarray.NDArray;

/**
 * The output of one DIR stage (the initial regressor or a refinement stage).
 *
 * @param left the left hand
 * @param right the right hand
 * @param offset (B,3) right wrist minus left wrist, in units of {@value DirNet#OFFSET_UNIT} m
 */
public record DirStage(DirHand left, DirHand right, NDArray offset) {
}
