package org.ambidex.train.twohand;

/**
 * Weights of the loss terms (see {@link TwoHandLoss}).
 *
 * @param joints root-relative 3-D joints (L1, in units of {@link TwoHandLoss#UNIT} metres)
 * @param vertices root-relative vertices (L1, same unit)
 * @param uv 2-D joints in normalised crop coordinates (L1)
 * @param rotation root rotation matrix (squared Frobenius distance)
 * @param pose PCA finger-pose coefficients (mean squared error)
 * @param shape shape coefficients (mean squared error)
 * @param offset left-minus-right wrist placement (L1, in units of {@link TwoHandLoss#UNIT} metres)
 * @param presence per-hand presence (binary cross-entropy on the logits)
 * @param heatmap the dense head's 2.5-D joints: image position (L1, normalised crop coordinates) plus depth
 *     relative to the wrist (L1, in units of {@link TwoHandLoss#UNIT} metres)
 * @param absent the heatmaps of hands absent from the frame against the uniform map (KL divergence, nats); set
 *     it to 0 for data whose single-hand frames may show the other hand unannotated
 */
public record TwoHandLossWeights(double joints, double vertices, double uv, double rotation, double pose, double shape,
                                 double offset, double presence, double heatmap, double absent) {

    /** The weights the default model is trained with. */
    public static final TwoHandLossWeights DEFAULT = new TwoHandLossWeights(1, 1, 1, 1, 0.05, 0.05, 1, 1, 1, 1);
}
