package org.ambidex.nets;

import ai.djl.ndarray.NDList;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.List;

/**
 * {@code torch.nn.Sequential}: children named {@code 0, 1, 2, ...} in order, each fed the previous one's output.
 * Parameter-free children (ReLU) keep their index, so {@code joint_deconv_1.3.weight} is the second convolution.
 */
public final class Sequential extends TorchModule {

    private final List<Block> layers;

    public Sequential(Block... layers) {
        this.layers = List.of(layers);
        for (int i = 0; i < layers.length; i++) {
            child(Integer.toString(i), layers[i]);
        }
    }

    /** The {@code i}-th layer. */
    public Block get(int i) {
        return layers.get(i);
    }

    public int size() {
        return layers.size();
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDList x = inputs;
        for (Block layer : layers) {
            x = layer.forward(store, x, training, params);
        }
        return x;
    }
}
