package org.ambidex.nets;

/**
 * InterNet's decoded output for one image (SEED_SPEC B.4), in the network's own units.
 *
 * @param joints {@code 2J x 3}: per joint (right hand's J, then the left's, in InterHand2.6M's per-hand order) the
 *     integer heatmap cell {@code (x, y, z)} of the hard argmax: x, y in 64 x 64 heatmap cells over the 256 x 256
 *     crop, z the depth bin
 * @param scores {@code 2J}: the heatmap value at each argmax
 * @param relRootDepth soft-argmax of the relative root depth, in root bins (left wrist minus right wrist)
 * @param handType sigmoid probabilities {@code [right present, left present]}
 */
public record InterNetPrediction(double[] joints, float[] scores, double relRootDepth, double[] handType) {

    public InterNetPrediction {
        joints = joints.clone();
        scores = scores.clone();
        handType = handType.clone();
    }

    @Override
    public double[] joints() {
        return joints.clone();
    }

    @Override
    public float[] scores() {
        return scores.clone();
    }

    @Override
    public double[] handType() {
        return handType.clone();
    }

    /** Number of joints (42 for InterNet). */
    public int jointCount() {
        return scores.length;
    }
}
