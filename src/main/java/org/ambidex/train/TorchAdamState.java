package org.ambidex.train;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ambidex.core.BadInputException;
import org.ambidex.io.NdArray;
import org.ambidex.io.torch.StateDict;

/**
 * {@link AdamW}'s state in the layout of {@code torch.optim.Adam.state_dict()}, so a checkpoint's
 * {@code optimizer} entry loads into PyTorch's optimizer (and the reference training script can resume from it):
 * <pre>
 * {'state': {i: {'step': tensor(t, float32), 'exp_avg': m_i, 'exp_avg_sq': v_i}, ...},
 *  'param_groups': [{'lr', 'betas': [b1, b2], 'eps', 'weight_decay', 'amsgrad': False, 'maximize': False,
 *                    'foreach': None, 'capturable': False, 'params': [0, 1, ...]}]}
 * </pre>
 * Index {@code i} is the position of the parameter in the network's {@code parameters()} order, which is the
 * order of the trainable entries of its state dict.
 */
public final class TorchAdamState {

    private TorchAdamState() {
    }

    /**
     * The PyTorch form of {@code optimizer}'s state.
     *
     * @param names the trainable parameters in {@code parameters()} order (the optimizer's names)
     * @param lr the learning rate of the current step, recorded in the parameter group
     */
    public static Map<String, Object> of(AdamW optimizer, List<String> names, double lr, double beta1, double beta2,
                                         double eps, double weightDecay) {
        Map<String, Object> exported = optimizer.exportState();
        @SuppressWarnings("unchecked")
        Map<String, NdArray> m = (Map<String, NdArray>) exported.get("exp_avg");
        @SuppressWarnings("unchecked")
        Map<String, NdArray> v = (Map<String, NdArray>) exported.get("exp_avg_sq");
        long step = optimizer.step();
        Map<Long, Object> state = new LinkedHashMap<>();
        List<Object> params = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            params.add((long) i);
            if (step == 0) {
                continue; // PyTorch keeps no state for a parameter that was never updated
            }
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("step", NdArray.ofFloats(new int[0], (float) step));
            s.put("exp_avg", require(m, names.get(i)));
            s.put("exp_avg_sq", require(v, names.get(i)));
            state.put((long) i, s);
        }
        Map<String, Object> group = new LinkedHashMap<>();
        group.put("lr", lr);
        group.put("betas", List.of(beta1, beta2));
        group.put("eps", eps);
        group.put("weight_decay", weightDecay);
        group.put("amsgrad", false);
        group.put("maximize", false);
        group.put("foreach", null);
        group.put("capturable", false);
        group.put("params", params);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("state", state);
        out.put("param_groups", List.of(group));
        return out;
    }

    /**
     * Restores {@code optimizer} from the {@code optimizer} dictionary of a checkpoint written by {@link #of}; a
     * state that does not fit (other parameter count or shapes, no step) is bad input naming the file.
     */
    public static void restore(AdamW optimizer, List<String> names, StateDict saved) {
        StateDict state = saved.select("state");
        if (state.entries().keySet().isEmpty()) {
            return; // saved before the first update
        }
        long step = -1;
        Map<String, NdArray> m = new LinkedHashMap<>();
        Map<String, NdArray> v = new LinkedHashMap<>();
        if (state.entries().keySet().size() != names.size()) {
            throw new BadInputException(saved.source(), "has optimizer state for " + state.entries().keySet().size()
                + " parameters, the network has " + names.size());
        }
        for (int i = 0; i < names.size(); i++) {
            StateDict s = state.select(Integer.toString(i));
            NdArray t = s.require("step");
            long thisStep = Math.round(t.getDouble(0));
            if (step >= 0 && thisStep != step) {
                throw new BadInputException(saved.source(), "has optimizer steps that differ between parameters");
            }
            step = thisStep;
            m.put(names.get(i), s.require("exp_avg"));
            v.put(names.get(i), s.require("exp_avg_sq"));
        }
        try {
            optimizer.restoreState(step, m, v);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(saved.source(), "has an optimizer state that does not fit the network: "
                + e.getMessage(), e);
        }
    }

    private static NdArray require(Map<String, NdArray> map, String name) {
        NdArray a = map.get(name);
        if (a == null) {
            throw new IllegalArgumentException("the optimizer has no parameter " + name);
        }
        return a;
    }
}
