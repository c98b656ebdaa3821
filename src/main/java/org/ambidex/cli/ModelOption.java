package org.ambidex.cli;

import org.ambidex.core.BadInputException;
import org.ambidex.nets.Threads;
import org.ambidex.pipeline.ModelSpec;
import org.ambidex.pipeline.TwoHandModelFiles;

/** The {@code --model} and {@code --threads} options shared by the commands that run a network. */
final class ModelOption {

    private ModelOption() {
    }

    /**
     * The model {@code text} names ({@code ARCH:PATH}), or the two-hand model shipped inside ambidex when null.
     *
     * @throws BadInputException when the text is not a model name, or no default is built in
     */
    static ModelSpec resolve(String text) {
        if (text == null) {
            return new ModelSpec(ModelSpec.Arch.TWOHAND, TwoHandModelFiles.defaultModel());
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
