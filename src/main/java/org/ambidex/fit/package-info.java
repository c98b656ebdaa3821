/**
 * Optimisation-based fitting of hand-model parameters to 2D and 3D keypoints.
 */
package org.ambidex.fit;
