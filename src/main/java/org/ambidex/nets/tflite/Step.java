package org.ambidex.nets.tflite;

/**
 * One compiled op: the tensors it reads (activations only, in the op's order), the tensor it writes, and its
 * kernel.
 *
 * @param label  the op as messages name it ("op 12 CONV_2D")
 * @param reads  tensor indices of its activation inputs
 * @param writes tensor index of its output
 * @param kernel what it computes
 */
record Step(String label, int[] reads, int writes, Kernel kernel) {
}
