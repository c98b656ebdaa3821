package org.ambidex.io.tflite;

import java.util.Arrays;
import java.util.List;

/**
 * Checks that a parsed model is a graph the interpreter can run: one float32 NHWC image input of batch 1, ops
 * that read only tensors already available (constants, the input, earlier outputs), each tensor written once,
 * float16 constants read only by DEQUANTIZE, sparse constants read only by DENSIFY, every op's declared output
 * shape equal to the one its inputs and
 * options give ({@link OpShapes}), and float32 outputs with the batch axis first. Every computed tensor has
 * batch 1 first, so that the interpreter can run several images by growing that axis.
 */
final class GraphValidator {

    private final TfliteModel model;
    private final Refusal refusal;

    private GraphValidator(TfliteModel model, Refusal refusal) {
        this.model = model;
        this.refusal = refusal;
    }

    static void check(TfliteModel model, Refusal refusal) {
        new GraphValidator(model, refusal).check();
    }

    private void check() {
        int n = model.tensors().size();
        boolean[] available = new boolean[n];
        boolean[] weight = new boolean[n];
        // Values fixed at load (DENSIFY and DEQUANTIZE outputs), which the interpreter folds away: never an output.
        boolean[] fixed = new boolean[n];
        for (TfliteTensor t : model.tensors()) {
            available[t.index()] = t.constant();
            // A sparse constant is fixed only once DENSIFY has expanded it.
            weight[t.index()] = t.constant() && !t.sparse() && t.dtype() == TfliteDType.FLOAT32;
        }
        if (model.inputs().size() != 1) {
            throw refusal.because("has " + model.inputs().size() + " inputs; expected one image");
        }
        TfliteTensor input = tensor(model.inputs().get(0), "input");
        if (input.dtype() != TfliteDType.FLOAT32 || input.constant() || input.rank() != 4 || input.dim(0) != 1
            || input.elementCount() == 0) {
            throw refusal.because("has input " + input.label() + " " + input.dtype() + " " + input.shape()
                + "; expected a FLOAT32 image [1, H, W, C]");
        }
        available[input.index()] = true;
        OpShapes shapes = new OpShapes(model, refusal, weight);
        for (TfliteOperator op : model.operators()) {
            for (int i : op.inputs()) {
                if (i >= n || i < -1) {
                    throw refusal.because(op.label() + " reads tensor " + i + " of " + n);
                }
                if (i >= 0 && !available[i]) {
                    throw refusal.because(op.label() + " reads tensor " + model.tensor(i).label()
                        + " before any op writes it");
                }
                if (i >= 0 && model.tensor(i).sparse() && op.op() != TfliteOp.DENSIFY) {
                    throw refusal.because(op.label() + " reads sparse tensor " + model.tensor(i).label()
                        + "; only DENSIFY reads sparse tensors");
                }
            }
            if (op.outputs().size() != 1) {
                throw refusal.because(op.label() + " has " + op.outputs().size() + " outputs; expected 1");
            }
            TfliteTensor out = tensor(op.output(0), op.label() + " output");
            if (available[out.index()]) {
                throw refusal.because(op.label() + " writes tensor " + out.label()
                    + ", which is a constant, the input or written before");
            }
            long[] expected = shapes.output(op);
            if (!Arrays.equals(expected, out.shape().stream().mapToLong(Integer::longValue).toArray())) {
                throw refusal.because(op.label() + " writes " + out.label() + " of shape " + out.shape()
                    + ", but its inputs give " + Arrays.toString(expected));
            }
            if (op.op() == TfliteOp.DENSIFY) {
                // Same shape and element type as its sparse constant (OpShapes): fixed values, no batch axis.
                weight[out.index()] = out.dtype() == TfliteDType.FLOAT32;
                fixed[out.index()] = true;
                available[out.index()] = true;
                continue;
            }
            if (out.dtype() != TfliteDType.FLOAT32) {
                throw refusal.because(op.label() + " writes " + out.label() + " as " + out.dtype()
                    + "; expected FLOAT32");
            }
            if (op.op() == TfliteOp.DEQUANTIZE) {
                weight[out.index()] = true;
                fixed[out.index()] = true;
            } else if (out.rank() == 0 || out.dim(0) != 1) {
                throw refusal.because(op.label() + " writes " + out.label() + " of shape " + out.shape()
                    + "; expected the batch of 1 first");
            }
            available[out.index()] = true;
        }
        List<Integer> outputs = model.outputs();
        if (outputs.isEmpty()) {
            throw refusal.because("has no outputs");
        }
        for (int i : outputs) {
            TfliteTensor t = tensor(i, "output");
            if (!available[i] || weight[i] || fixed[i] || t.constant() || t.index() == input.index()) {
                throw refusal.because("has output " + t.label() + ", which no op computes");
            }
        }
    }

    private TfliteTensor tensor(int index, String what) {
        if (index < 0 || index >= model.tensors().size()) {
            throw refusal.because("has " + what + " tensor " + index + " of " + model.tensors().size());
        }
        return model.tensor(index);
    }
}
