/**
 * Helpers for DJL arrays that keep PyTorch from reading memory Java has freed.
 *
 * <p>DJL's PyTorch engine wraps Java data without copying: an array made from a Java array or number aliases a
 * direct buffer that lives only as long as the Java array object. DJL's arithmetic with a number
 * ({@code a.mul(2)}, {@code a.div(x)}, {@code a.pow(p)}, {@code a.maximum(m)}, ...) wraps the number that way and
 * closes the wrapper right after the operation, yet autograd keeps the wrapped number for the backward pass (the
 * gradient of {@code a * c} is {@code c}); once the garbage collector has freed the buffer, backward reads freed
 * memory and gradients come out as garbage or NaN, at random, more often the busier the heap. {@link
 * org.ambidex.tensor.Scalars} makes such constants in storage PyTorch owns; {@code AutogradSafetyTest} keeps main
 * code off DJL's number overloads of those operations.
 */
package org.ambidex.tensor;
