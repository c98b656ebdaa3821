/**
 * Fitting the hand model to the landmarks a hand-keypoint network finds in one photo (MediaPipe Hands: 21 metric
 * "world" landmarks and 21 image landmarks per hand, OpenPose order): {@link org.ambidex.fit.HandFitter} finds
 * the hand model's articulation, shape and camera translation, {@link org.ambidex.fit.TwoHandFitter} does both
 * hands of one image in one camera frame, and {@link org.ambidex.fit.HandFit} is the result, in the parameter
 * convention of {@code ambidex.reconstruction/1}.
 *
 * <p>The optimisation is plain-Java double arithmetic (Levenberg-Marquardt on the forward kinematics of the 16
 * joints and the 5 fingertip vertices, analytic Jacobians, a Gaussian prior in the model's pose-PCA space and box
 * limits on anatomical joint angles); the full mesh is posed once at the end. Method, choices and measured
 * accuracy: docs/FITTING.md.
 */
package org.ambidex.fit;
