package org.ambidex.hand;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Objects;

/**
 * The inputs of the {@link HandLayer} forward pass for a batch of B hands as plain Java arrays, one row per hand
 * (the {@link HandParams} of code that holds its parameters in files, datasets or its own arithmetic rather than
 * in DJL arrays). Posed by {@link ArrayHandPoser}.
 *
 * <p>The rows are checked and copied when constructed, so the value is immutable and a wrong shape fails here
 * with an {@link IllegalArgumentException} naming the array, not deep inside the layer. Whether the betas exceed
 * the model's shape count is for the layer to say, as only it knows the model.
 */
public final class HandParamArrays {

    private final int batchSize;
    private final Packed betas;
    private final Packed globalOrient;
    private final Packed handPose;
    private final HandPoseKind handPoseKind;
    private final Packed transl;
    private final boolean flatHandMean;

    /**
     * @param betas shape coefficients (B, n), the same n &ge; 1 in every row; null means zeros
     * @param globalOrient rotation of the root joint about the rest wrist joint, the same form in every row:
     *     axis-angle (B, 3) in radians, 6-D (B, 6) as manopth's {@code rot6d}, or a rotation matrix (B, 9)
     *     row-major
     * @param handPose the finger pose (B, 45) axis-angle in radians, or (B, n) with 1 &le; n &le; 45 PCA
     *     coefficients, as {@code handPoseKind} says
     * @param handPoseKind how {@code handPose} is expressed
     * @param transl translation added to vertices and joints (B, 3), metres; null means zeros
     * @param flatHandMean when false, {@code hands_mean} is added to the finger pose (smplx's default and the
     *     InterHand2.6M convention); when true the finger pose is used as given
     * @throws IllegalArgumentException when a row count or a row length is wrong, or the batch is empty
     */
    public HandParamArrays(double[][] betas, double[][] globalOrient, double[][] handPose, HandPoseKind handPoseKind,
                           double[][] transl, boolean flatHandMean) {
        Objects.requireNonNull(globalOrient, "globalOrient");
        Objects.requireNonNull(handPose, "handPose");
        this.handPoseKind = Objects.requireNonNull(handPoseKind, "handPoseKind");
        batchSize = handPose.length;
        if (batchSize == 0) {
            throw new IllegalArgumentException("handPose has no rows: a batch needs at least one hand");
        }
        this.handPose = Packed.of("handPose", handPose, batchSize);
        if (handPoseKind == HandPoseKind.AXIS_ANGLE && this.handPose.width != HandModel.HAND_POSE_SIZE) {
            throw new IllegalArgumentException("an axis-angle handPose needs " + HandModel.HAND_POSE_SIZE
                + " values per hand, got " + this.handPose.width);
        }
        if (this.handPose.width > HandModel.HAND_POSE_SIZE) {
            throw new IllegalArgumentException("a PCA handPose needs 1.." + HandModel.HAND_POSE_SIZE
                + " coefficients per hand, got " + this.handPose.width);
        }
        this.globalOrient = Packed.of("globalOrient", globalOrient, batchSize);
        int w = this.globalOrient.width;
        if (w != 3 && w != 6 && w != 9) {
            throw new IllegalArgumentException("globalOrient rows need 3 (axis-angle), 6 (6-D) or 9 (rotation "
                + "matrix) values, got " + w);
        }
        this.betas = betas == null ? null : Packed.of("betas", betas, batchSize);
        this.transl = transl == null ? null : Packed.of("transl", transl, batchSize);
        if (this.transl != null && this.transl.width != 3) {
            throw new IllegalArgumentException("transl rows need 3 values, got " + this.transl.width);
        }
        this.flatHandMean = flatHandMean;
    }

    /** Batch size B. */
    public int batchSize() {
        return batchSize;
    }

    /** These parameters as DJL float64 arrays in {@code manager}. */
    HandParams toHandParams(NDManager manager) {
        // A 9-value row is a matrix: the layer tells the forms apart by the array's shape, not its width.
        Shape orientShape = globalOrient.width == 9 ? new Shape(batchSize, 3, 3) : globalOrient.shape();
        NDArray orient = manager.create(globalOrient.values, orientShape);
        return new HandParams(betas == null ? null : betas.create(manager), orient, handPose.create(manager),
            handPoseKind, transl == null ? null : transl.create(manager), flatHandMean);
    }

    /** Rows of equal width packed row-major. */
    private record Packed(int rows, int width, double[] values) {

        static Packed of(String name, double[][] rows, int batchSize) {
            if (rows.length != batchSize) {
                throw new IllegalArgumentException(name + " has " + rows.length + " rows, expected one per hand ("
                    + batchSize + ", as handPose)");
            }
            if (rows[0] == null) {
                throw new IllegalArgumentException(name + " row 0 is null");
            }
            int width = rows[0].length;
            if (width == 0) {
                throw new IllegalArgumentException(name + " rows are empty");
            }
            double[] values = new double[rows.length * width];
            for (int i = 0; i < rows.length; i++) {
                if (rows[i] == null || rows[i].length != width) {
                    throw new IllegalArgumentException(name + " row " + i + " has "
                        + (rows[i] == null ? "no" : rows[i].length) + " values, row 0 has " + width
                        + ": every row needs the same length");
                }
                System.arraycopy(rows[i], 0, values, i * width, width);
            }
            return new Packed(rows.length, width, values);
        }

        Shape shape() {
            return new Shape(rows, width);
        }

        NDArray create(NDManager manager) {
            return manager.create(values, shape());
        }
    }
}
