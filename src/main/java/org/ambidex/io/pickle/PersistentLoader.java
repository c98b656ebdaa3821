package org.ambidex.io.pickle;

/**
 * Resolves the persistent ids of a pickle (the {@code PERSID}/{@code BINPERSID} opcodes), which PyTorch
 * uses to refer to tensor storages kept outside the pickle. Plain pickles have none: without a loader
 * a persistent id is refused.
 */
@FunctionalInterface
public interface PersistentLoader {

    /**
     * The object for persistent id {@code pid} (for PyTorch a tuple such as
     * {@code ('storage', <storage type>, key, location, numel)}, given as a {@code List<Object>} whose
     * storage type is a {@link TorchStorage.Type}).
     *
     * @throws org.ambidex.core.BadInputException when the id is not understood or its data is missing
     */
    Object load(Object pid);
}
