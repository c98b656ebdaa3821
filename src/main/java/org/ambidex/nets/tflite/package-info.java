/**
 * Validated TFLite models ({@link org.ambidex.io.tflite.TfliteModel}) on DJL's PyTorch engine:
 * {@link org.ambidex.nets.tflite.TfliteNetwork} runs the graph batch by batch, on the CPU as one TorchScript module
 * with XNNPACK convolutions (written by {@code ScriptGraph}, run on {@code ScriptThread}), on other devices op by op
 * ({@code EagerGraph}, kernels from {@code KernelFactory}); both reproduce TFLite's padding and layouts. Depends on
 * {@code io.tflite}, {@code io.torch} (the archive writer) and DJL.
 */
package org.ambidex.nets.tflite;
