/**
 * From an image to a {@code Reconstruction} of both hands: the {@code Reconstructor} and the registry of models
 * and hand models.
 */
package org.ambidex.pipeline;
