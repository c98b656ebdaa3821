/**
 * Crops and augmentation of hand images, each with its inverse transform: InterNet's bbox processing, rotated and
 * scaled patch with flipping and colour scaling, and output-space targets (SEED_SPEC A.9), IntagHand's
 * vertex-bound crop (A.11), and the OpenCV affine solve and warp they rest on, in pure Java.
 */
package org.ambidex.data.crop;
