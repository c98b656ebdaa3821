/**
 * A safe reader of Python pickles (protocols 0 to 5): only allow-listed globals (numpy arrays, scipy sparse
 * matrices, chumpy objects, torch tensor rebuilds) are constructed, every other global is refused by name
 * before anything is built. {@link org.ambidex.io.pickle.PickleReader} reads a pickle file;
 * {@link org.ambidex.io.pickle.Unpickler} is the machine, with persistent ids for PyTorch storages;
 * {@link org.ambidex.io.pickle.LegacyTorchContainer} reads PyTorch's legacy container, which plain pickles of
 * tensors embed. Depends on the JDK (and the error type of {@code core}) only.
 */
package org.ambidex.io.pickle;
