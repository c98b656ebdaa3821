/**
 * A safe reader of Python pickles (protocols 0 to 5): only allow-listed globals (numpy arrays, scipy sparse
 * matrices, chumpy objects, torch tensor rebuilds) are constructed, every other global is refused by name
 * before anything is built. Depends on the JDK only.
 */
package org.ambidex.io.pickle;
