package org.ambidex.nets.tflite;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.ambidex.io.tflite.TfliteModel;
import org.ambidex.io.tflite.TfliteOp;
import org.ambidex.io.tflite.TfliteOperator;
import org.ambidex.io.tflite.TfliteOptions;
import org.ambidex.io.tflite.TflitePadding;

/**
 * How a validated graph runs: the ops left once DEQUANTIZE and DENSIFY are folded into the weights, the activations
 * each reads,
 * whether it may write its result into its first input (nothing reads that later), and which arrays can be freed
 * after it. Freeing and reusing early matters on the CPU: every new array costs fresh memory pages.
 */
final class GraphPlan {

    /** The ops that run, in order (the model's ops without DEQUANTIZE and DENSIFY). */
    final List<TfliteOperator> ops;
    /** DEQUANTIZE and DENSIFY outputs and the constants (float16 or sparse) whose values they hold. */
    final Map<Integer, Integer> dequantised;
    /** For each op, the tensor indices of its activation inputs (weights are in its kernel). */
    final List<int[]> reads;
    /** For each op, whether its first input may take its result. */
    final boolean[] overwrite;
    /** For each op, the tensors nothing reads after it (outputs excepted). */
    final int[][] freeAfter;
    /**
     * For each op, the PAD folded into it ({@code null} for none): a zero PAD of height and width only, whose output
     * only this VALID convolution reads, becomes the convolution's own padding (the same sums, without copying the
     * activation into a padded one).
     */
    final TfliteOperator[] paddedBy;

    private GraphPlan(TfliteModel model) {
        dequantised = new HashMap<>();
        for (TfliteOperator op : model.operators()) {
            if (folded(op)) {
                // DEQUANTIZE may widen what a DENSIFY expanded: both lead back to the one constant in the file,
                // which the model reads dense and widened.
                dequantised.put(op.output(0), dequantised.getOrDefault(op.input(0), op.input(0)));
            }
        }
        Map<Integer, TfliteOperator> foldablePads = foldablePads(model);
        ops = model.operators().stream()
            .filter(op -> !folded(op) && !(op.op() == TfliteOp.PAD && foldablePads.containsKey(op.output(0))))
            .toList();
        reads = new ArrayList<>();
        paddedBy = new TfliteOperator[ops.size()];
        for (int s = 0; s < ops.size(); s++) {
            TfliteOperator op = ops.get(s);
            int[] in = op.inputs().stream().mapToInt(Integer::intValue)
                .filter(i -> i >= 0 && !model.tensor(i).constant() && !dequantised.containsKey(i)).toArray();
            TfliteOperator pad = in.length > 0 ? foldablePads.get(in[0]) : null;
            if (pad != null) {
                paddedBy[s] = pad;
                in[0] = pad.input(0);
            }
            reads.add(in);
        }
        int n = model.tensors().size();
        int[] last = new int[n];
        Arrays.fill(last, -1);
        for (int s = 0; s < ops.size(); s++) {
            for (int t : reads.get(s)) {
                last[t] = s;
            }
        }
        Set<Integer> own = ownArrays();
        overwrite = new boolean[ops.size()];
        for (int s = 0; s < ops.size(); s++) {
            int[] in = reads.get(s);
            int first = in.length > 0 ? in[0] : -1;
            // Not the caller's input, not a view, not an output, not read again (by a later op or this one).
            overwrite[s] = first >= 0 && last[first] == s && own.contains(first) && !model.outputs().contains(first)
                && Arrays.stream(in).filter(t -> t == first).count() == 1;
        }
        for (int o : model.outputs()) {
            last[o] = -1;
        }
        freeAfter = new int[ops.size()][];
        for (int s = 0; s < ops.size(); s++) {
            final int step = s;
            freeAfter[s] = IntStream.range(0, n).filter(t -> last[t] == step).toArray();
        }
    }

    /**
     * The PAD ops, by output tensor, that the one op reading their output can do itself: a CONV_2D or
     * DEPTHWISE_CONV_2D with VALID padding reading it as its activation, the pad zero on the batch and channel axes
     * and not a model output.
     */
    private static Map<Integer, TfliteOperator> foldablePads(TfliteModel model) {
        Map<Integer, Integer> readers = new HashMap<>();
        for (TfliteOperator op : model.operators()) {
            for (int i : op.inputs()) {
                if (i >= 0) {
                    readers.merge(i, 1, Integer::sum);
                }
            }
        }
        Map<Integer, TfliteOperator> pads = new HashMap<>();
        for (TfliteOperator op : model.operators()) {
            if (op.op() != TfliteOp.PAD || model.outputs().contains(op.output(0))
                || readers.getOrDefault(op.output(0), 0) != 1) {
                continue;
            }
            int[] p = model.ints(op.input(1));
            if (p[0] != 0 || p[1] != 0 || p[6] != 0 || p[7] != 0) {
                continue;
            }
            for (TfliteOperator reader : model.operators()) {
                if (reader.inputs().indexOf(op.output(0)) == 0 && validConvolution(reader)) {
                    pads.put(op.output(0), op);
                }
            }
        }
        return pads;
    }

    private static boolean validConvolution(TfliteOperator op) {
        return op.options() instanceof TfliteOptions.Convolution o && o.padding() == TflitePadding.VALID;
    }

    /** Whether {@code op} only turns a constant into fixed float values (done once at load, not at run time). */
    private static boolean folded(TfliteOperator op) {
        return op.op() == TfliteOp.DEQUANTIZE || op.op() == TfliteOp.DENSIFY;
    }

    static GraphPlan of(TfliteModel model) {
        return new GraphPlan(model);
    }

    /**
     * The tensors whose arrays no other tensor shares: op outputs, except those of RESHAPE and MEAN (which may
     * be views of their input) and the inputs such views are taken of.
     */
    private Set<Integer> ownArrays() {
        Set<Integer> own = new HashSet<>();
        for (TfliteOperator op : ops) {
            if (op.op() != TfliteOp.RESHAPE && op.op() != TfliteOp.MEAN) {
                own.add(op.output(0));
            }
        }
        for (TfliteOperator op : ops) {
            if (op.op() == TfliteOp.RESHAPE || op.op() == TfliteOp.MEAN) {
                own.remove(op.input(0));
            }
        }
        return own;
    }
}
