/**
 * Reading and writing NumPy {@code .npy} and {@code .npz} files (stored and deflated), C and Fortran order.
 */
package org.ambidex.io.numpy;
