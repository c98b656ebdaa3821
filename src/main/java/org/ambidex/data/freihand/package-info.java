/**
 * The FreiHAND dataset's annotation files ({@code <split>_xyz.json}, {@code <split>_K.json},
 * {@code <split>_verts.json}; SEED_SPEC.md G.3): right hands, metres, camera frame, OpenPose joint order.
 */
package org.ambidex.data.freihand;
