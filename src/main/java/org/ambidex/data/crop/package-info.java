/**
 * Crops and augmentation of hand images, each with its inverse transform: InterNet's bbox processing, rotated and
 * scaled patch with flipping and colour scaling, and output-space targets (SEED_SPEC A.9), IntagHand's
 * vertex-bound crop (A.11), and the OpenCV affine solve and warps they rest on (float, and the 8-bit fixed-point
 * warp OpenCV applies to uint8 images), and torchvision's {@code resized_crop} of a PIL image as Pillow computes it
 * (S2HAND's HO-3D crop), in pure Java.
 */
package org.ambidex.data.crop;
