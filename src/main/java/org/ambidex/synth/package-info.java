/**
 * Synthetic two-hand data: pose prior, scene sampler and a writer of InterHand2.6M-format datasets.
 */
package org.ambidex.synth;
