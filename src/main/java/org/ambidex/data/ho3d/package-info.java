/**
 * The HO-3D dataset (v2 and v3) as S2HAND reads it (SEED_SPEC.md G.4): {@code train.txt} / {@code evaluation.txt}
 * (lines {@code seq/frame}), {@code <split>/<seq>/rgb/<frame>.png} (or {@code .jpg}, v3) and
 * {@code <split>/<seq>/meta/<frame>.pkl}, read through the safe pickle reader. HO-3D stores points in the OpenGL
 * camera frame (y up, z backwards) and joints in the MANO-16-plus-tips order; {@link org.ambidex.data.ho3d.Ho3dCamera}
 * is the one place that converts to and from ambidex's OpenCV frame, and {@link org.ambidex.hand.JointOrder#HO3D}
 * the joint order.
 */
package org.ambidex.data.ho3d;
