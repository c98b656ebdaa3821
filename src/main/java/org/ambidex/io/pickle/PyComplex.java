package org.ambidex.io.pickle;

/** A Python {@code complex} number. */
public record PyComplex(double real, double imaginary) {
}
