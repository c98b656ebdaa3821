package org.ambidex.train.twohand;

import java.nio.file.Path;
import java.util.Map;
import org.ambidex.nets.twohand.TwoHandModel;

/** Evaluates the two-hand network during training (the evaluation protocols live above this package). */
@FunctionalInterface
public interface TwoHandValidator {

    /**
     * Evaluates {@code model} (in evaluation mode) after epoch {@code epoch} (from 0), writing reports under
     * {@code folder}.
     *
     * @return headline metrics by name
     */
    Map<String, Double> validate(TwoHandModel model, int epoch, Path folder);
}
