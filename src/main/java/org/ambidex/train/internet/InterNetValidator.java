package org.ambidex.train.internet;

import java.nio.file.Path;
import java.util.Map;
import org.ambidex.nets.InterNetModel;

/** Evaluates an InterNet during training (the evaluation itself lives above this package). */
@FunctionalInterface
public interface InterNetValidator {

    /**
     * Evaluates {@code model} (in evaluation mode) after epoch {@code epoch}, writing reports under {@code folder}.
     *
     * @return headline metrics by name
     */
    Map<String, Double> validate(InterNetModel model, int epoch, Path folder);
}
