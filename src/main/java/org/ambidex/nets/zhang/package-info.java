/**
 * Zhang et al., "Interacting Two-Hand 3D Pose and Shape Reconstruction from Single Color Image" (ICCV 2021), as
 * published in iscas3dv/Two-Hand-Shape-Pose_v2: ambidex's InterNet (unchanged) for 3-D joint heat maps, a
 * ResNet-50 without BatchNorm in its blocks that also reads the down-sampled heat maps, per-hand MANO regressors with
 * pose-aware attention, a relative-placement head and three cascaded refinement stages, and the smplx-style MANO
 * layers whose data the snapshot carries. Parameter names are the snapshot's, so its {@code network} dictionary
 * loads as it is (SEED_PORTS.md section 1, SEED_SPEC.md E).
 */
package org.ambidex.nets.zhang;
