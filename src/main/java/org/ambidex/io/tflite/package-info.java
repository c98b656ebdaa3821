/**
 * A safe reader of TensorFlow Lite models ({@code .tflite} FlatBuffers, schema 3), written without a FlatBuffers
 * library: {@link org.ambidex.io.tflite.TfliteModel} holds the tensors, operators with their builtin options,
 * buffers, description and metadata of the one subgraph, validated for the op set of MediaPipe's hand networks.
 * Every offset and length is bounds-checked; a truncated, lying or unsupported file is a one-line
 * {@link org.ambidex.core.BadInputException} naming the op or tensor. Depends on {@code io} (the array type and
 * half-precision widening) and {@code core}.
 */
package org.ambidex.io.tflite;
