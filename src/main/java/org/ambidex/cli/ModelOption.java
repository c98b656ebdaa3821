package org.ambidex.cli;

import org.ambidex.core.BadInputException;
import org.ambidex.nets.Threads;
import org.ambidex.pipeline.Architectures;
import org.ambidex.pipeline.ModelSpec;

/** The {@code --model} and {@code --threads} options shared by the commands that run a network. */
final class ModelOption {

    /** The {@code --model} description every command shows. */
    static final String DESCRIPTION = "The model: ARCH:PATH (weights in a file) or ARCH (weights built into ambidex);"
        + " 'ambidex models' lists the architectures. Default: the built-in model.";

    private ModelOption() {
    }

    /**
     * The model {@code text} names, or the built-in default when null.
     *
     * @throws BadInputException when the text is not a model name, or no default is built in
     */
    static ModelSpec resolve(String text) {
        if (text == null) {
            if (!Architectures.defaultArchitecture().hasBuiltInModel()) {
                throw new BadInputException("this ambidex has no built-in model; give --model ARCH:PATH ("
                    + Architectures.names() + ")");
            }
            return ModelSpec.defaultModel();
        }
        try {
            return ModelSpec.parse(text);
        } catch (IllegalArgumentException e) {
            throw new BadInputException("--model: " + e.getMessage());
        }
    }

    /** Sets PyTorch's intra-op threads when {@code threads} is given. */
    static void threads(Integer threads) {
        if (threads != null) {
            if (threads < 1) {
                throw new BadInputException("--threads must be at least 1, got " + threads);
            }
            Threads.set(threads);
        }
    }
}
