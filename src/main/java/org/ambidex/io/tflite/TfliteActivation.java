package org.ambidex.io.tflite;

/**
 * The fused activation of an op that passes validation: none, or RELU6 ({@code min(max(x, 0), 6)}). TFLite's
 * other fused activations (RELU, RELU_N1_TO_1, TANH, SIGN_BIT) are refused by name.
 */
public enum TfliteActivation {
    NONE,
    RELU6
}
