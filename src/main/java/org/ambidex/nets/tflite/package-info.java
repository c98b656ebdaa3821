/**
 * A generic interpreter of validated TFLite models ({@link org.ambidex.io.tflite.TfliteModel}) on DJL's PyTorch
 * engine: {@link org.ambidex.nets.tflite.TfliteNetwork} compiles each op once (weights widened and permuted to
 * PyTorch's layouts, TFLite's padding reproduced) and runs the graph on NCHW activations, batch by batch. Depends
 * on {@code io.tflite} and DJL.
 */
package org.ambidex.nets.tflite;
