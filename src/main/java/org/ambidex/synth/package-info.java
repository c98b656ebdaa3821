/**
 * Synthetic two-hand data: anatomical finger postures on any MANO-compatible model ({@code HandRig}), the
 * interaction scene sampler, camera rigs, appearance (skin tones with lighter palms and nails, lights, procedural backgrounds) and the
 * generator writing InterHand2.6M-format datasets, which {@code data.interhand} reads back.
 */
package org.ambidex.synth;
