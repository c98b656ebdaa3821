package org.ambidex.nets.s2hand;

import ai.djl.ndarray.NDArray;

/** The mean over the two spatial axes of an NCHW array (DJL's PyTorch engine reduces one axis per call). */
final class SpatialMean {

    private SpatialMean() {
    }

    /** (B, C, 1, 1) when {@code keepDims}, else (B, C). */
    static NDArray of(NDArray x, boolean keepDims) {
        long b = x.getShape().get(0);
        long c = x.getShape().get(1);
        NDArray mean = x.reshape(b, c, -1).mean(new int[] {2});
        return keepDims ? mean.reshape(b, c, 1, 1) : mean;
    }
}
