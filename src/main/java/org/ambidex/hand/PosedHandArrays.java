package org.ambidex.hand;

import java.util.Arrays;
import java.util.Objects;

/**
 * The posed hands of an {@link ArrayHandPoser} call as plain arrays: B hands of one model, V its vertex count,
 * J the size of {@code jointOrder}. Metres, translation included. The packed arrays belong to this value (the
 * poser keeps no reference to them); the per-hand accessors return copies.
 *
 * @param batchSize B
 * @param vertexCount V
 * @param vertices the posed meshes (B, V, 3), packed row-major
 * @param jointOrder the order of {@code joints}
 * @param joints the keypoints (B, J, 3) in {@code jointOrder}, packed row-major: the model's joints and, unless
 *     the order is {@link JointOrder#MANO16}, the five fingertip vertices of the requested fingertip set
 */
public record PosedHandArrays(int batchSize, int vertexCount, double[] vertices, JointOrder jointOrder,
                              double[] joints) {

    public PosedHandArrays {
        Objects.requireNonNull(vertices, "vertices");
        Objects.requireNonNull(jointOrder, "jointOrder");
        Objects.requireNonNull(joints, "joints");
        if (vertices.length != batchSize * vertexCount * 3) {
            throw new IllegalArgumentException("expected " + batchSize + " x " + vertexCount
                + " x 3 vertex values, got " + vertices.length);
        }
        if (joints.length != batchSize * jointOrder.size() * 3) {
            throw new IllegalArgumentException("expected " + batchSize + " x " + jointOrder.size()
                + " x 3 joint values, got " + joints.length);
        }
    }

    /** The mesh of hand {@code i}, (V, 3) packed (a copy). */
    public double[] vertices(int i) {
        Objects.checkIndex(i, batchSize);
        return Arrays.copyOfRange(vertices, i * vertexCount * 3, (i + 1) * vertexCount * 3);
    }

    /** The keypoints of hand {@code i}, (J, 3) packed in {@link #jointOrder()} (a copy). */
    public double[] joints(int i) {
        Objects.checkIndex(i, batchSize);
        int n = jointOrder.size() * 3;
        return Arrays.copyOfRange(joints, i * n, (i + 1) * n);
    }
}
