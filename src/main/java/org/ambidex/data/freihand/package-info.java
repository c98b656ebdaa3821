/**
 * The FreiHAND dataset's annotation files ({@code <split>_xyz.json}, {@code <split>_K.json},
 * {@code <split>_verts.json}; SEED_SPEC.md G.3): right hands, metres, camera frame, OpenPose joint order; and
 * S2HAND's keypoint file of detected 2-D keypoints per image ({@code detect_all.json}).
 */
package org.ambidex.data.freihand;
