package org.ambidex.io.tflite;

import java.util.List;

/**
 * One operator of the model's subgraph, in execution order.
 *
 * @param index   its position in the subgraph's operator list
 * @param op      the builtin op
 * @param version the op version of its operator code
 * @param inputs  the tensor indices it reads (-1 for an absent optional input, such as a missing bias)
 * @param outputs the tensor indices it writes
 * @param options its builtin options
 */
public record TfliteOperator(int index, TfliteOp op, int version, List<Integer> inputs, List<Integer> outputs,
                             TfliteOptions options) {

    public TfliteOperator {
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
    }

    /** Tensor index of input {@code i}. */
    public int input(int i) {
        return inputs.get(i);
    }

    /** Tensor index of output {@code i}. */
    public int output(int i) {
        return outputs.get(i);
    }

    /** "op index NAME", as messages name an operator. */
    public String label() {
        return "op " + index + " " + op;
    }
}
