/**
 * Immutable small math in double precision: vectors, 3x3 rotations (axis-angle, matrix, 6D, quaternion),
 * camera intrinsics and extrinsics with projection, 2D affine crops and similarity (Procrustes) alignment.
 * Depends on the JDK only.
 */
package org.ambidex.geom;
