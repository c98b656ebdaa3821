/**
 * Shared value types of the file readers and writers: {@link org.ambidex.io.NdArray}, the n-dimensional array
 * that pickles, NumPy files and checkpoints all produce. Depends on the JDK only.
 */
package org.ambidex.io;
