/**
 * Finding hands in photographs with Google's MediaPipe Hands networks, decoded as MediaPipe does: palm detection on
 * the letterboxed image (SSD anchors, box decoding, weighted non-maximum suppression), rotated hand regions,
 * landmark regression on rotated crops, presence gating and handedness; beyond MediaPipe, a search in tiles for
 * small hands and a search inside a given box. All image coordinates are pixels of the original image with pixel
 * centres at integers.
 */
package org.ambidex.detect;
