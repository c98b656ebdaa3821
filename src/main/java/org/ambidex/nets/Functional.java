package org.ambidex.nets;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.function.UnaryOperator;

/**
 * A parameter-free module ({@code nn.ReLU}, {@code nn.MaxPool2d}): it occupies a name or a Sequential index in the
 * module tree, as in PyTorch, but has no state-dict entries.
 */
public final class Functional extends TorchModule {

    private final String name;
    private final UnaryOperator<NDArray> function;

    private Functional(String name, UnaryOperator<NDArray> function) {
        this.name = name;
        this.function = function;
    }

    /** {@code nn.ReLU()}. */
    public static Functional relu() {
        return new Functional("ReLU", Activation::relu);
    }

    /** {@code nn.MaxPool2d(kernel, stride, padding)} (padding with minus infinity, floor mode). */
    public static Functional maxPool(int kernel, int stride, int padding) {
        return new Functional("MaxPool2d(" + kernel + ", " + stride + ", " + padding + ")",
            x -> x.getNDArrayInternal().maxPool(new Shape(kernel, kernel), new Shape(stride, stride),
                new Shape(padding, padding), false));
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        return new NDList(function.apply(inputs.singletonOrThrow()));
    }

    @Override
    public String toString() {
        return name;
    }
}
