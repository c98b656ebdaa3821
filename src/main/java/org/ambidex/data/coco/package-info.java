/**
 * COCO-format hand keypoint annotation files, read as mmpose reads them for its 2-D hand datasets: COCO-WholeBody
 * (the hands of each person: {@code lefthand_box}, {@code lefthand_kpts}, {@code lefthand_valid} and the right
 * ones) and the plain one-annotation-per-hand files of mmpose's conversions of OneHand10K, CMU Panoptic hand and
 * FreiHAND ({@code bbox}, {@code keypoints}, {@code num_keypoints}). Every set uses the 21-keypoint OpenPose order
 * (wrist; thumb1-4; forefinger1-4; middle1-4; ring1-4; pinky1-4, as mmpose's dataset metainfo lists them), the
 * project's canonical order. Pixels of the original image throughout.
 */
package org.ambidex.data.coco;
