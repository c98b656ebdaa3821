package org.ambidex.io.torch;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * An instance of a TorchScript custom class (a {@code torch::CustomClassHolder} registered in libtorch, such as
 * {@code __torch__.torch.classes.xnnpack.Conv2dOpContext}) as a TorchScript archive stores it: its class and the
 * state tuple its {@code __setstate__} rebuilds it from. State items may be tensors ({@code NdArray}), {@code null},
 * integers, floats, booleans, strings and integer lists ({@code long[]}).
 *
 * @param qualifiedClass the class's qualified name, for example {@code __torch__.torch.classes.xnnpack.Conv2dOpContext}
 * @param state          the items of the state tuple, in {@code __setstate__}'s order
 */
public record ScriptObject(String qualifiedClass, List<Object> state) {

    public ScriptObject {
        if (qualifiedClass.lastIndexOf('.') <= 0) {
            throw new IllegalArgumentException("not a qualified class name: " + qualifiedClass);
        }
        state = Collections.unmodifiableList(new ArrayList<>(state));
    }
}
