package org.ambidex.hand;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.util.Objects;

/**
 * Poses one {@link HandModel} from plain Java arrays: the {@link HandLayer} forward pass in float64 for code that
 * holds its parameters as {@code double[]} (parameter files, dataset ground truth, the synthetic generator) and
 * wants vertices and joints back as {@code double[]}. Networks and fitting, which need gradients or batches that
 * stay on the device, use the layer directly.
 *
 * <p>Inputs are {@link HandParamArrays} (B hands, angles in radians, translation in metres); the result is a
 * {@link PosedHandArrays} (vertices (B, V, 3) and joints (B, J, 3), metres). Float64 throughout, so results
 * equal the layer's float64 forward pass on the same numbers exactly.
 *
 * <p>Holds its own DJL manager and one layer; {@link #close()} frees them. Safe to use from several threads:
 * each call works in its own sub-manager and the layer is thread-safe.
 */
public final class ArrayHandPoser implements AutoCloseable {

    private final NDManager manager;
    private final HandLayer layer;

    /** A poser of {@code model}. */
    public ArrayHandPoser(HandModel model) {
        Objects.requireNonNull(model, "model");
        manager = NDManager.newBaseManager();
        try {
            layer = new HandLayer(model, manager, DataType.FLOAT64);
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    public HandModel model() {
        return layer.model();
    }

    /**
     * The hands of {@code params} posed, their joints in {@code order} with fingertips from {@code tips}.
     *
     * @throws IllegalArgumentException when there are more betas than the model has shape directions
     */
    public PosedHandArrays pose(HandParamArrays params, FingertipSet tips, JointOrder order) {
        Objects.requireNonNull(params, "params");
        try (NDManager scope = manager.newSubManager();
             HandOutput out = layer.forward(params.toHandParams(scope), tips, order)) {
            return new PosedHandArrays(params.batchSize(), model().vertexCount(), out.vertices().toDoubleArray(), order,
                out.keypoints().toDoubleArray());
        }
    }

    @Override
    public void close() {
        layer.close();
        manager.close();
    }
}
