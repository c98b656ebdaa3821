#!/usr/bin/env python3
"""Test-data generator for ambidex's S2HandRotation: S2HAND's FreiHAND training augmentation (the trans_images,
trans_open_2dj queries of TerenceCYJ/S2HAND examples/data/dataset.py), written from the facts in
org.ambidex.train.s2hand.S2HandRotation's Javadoc with NumPy and Pillow, the libraries the reference uses.

usage: s2hand_rotation_reference.py IN.png OUT_FOLDER ANGLE [ANGLE ...]
  reads OUT_FOLDER/keypoints.txt (21 lines "x y"), writes for each angle i: OUT_FOLDER/turned_<i>.png (the image
  turned as the reference turns it), OUT_FOLDER/turned_<i>.txt (the turned keypoints, one "x y" per line) and
  OUT_FOLDER/turned_<i>.inv (the six float32 coefficients of the inverse matrix handed to Pillow).
"""
import sys
import numpy as np
from PIL import Image


def forward_matrix(angle, side=224):
    # a turn about the origin, then the translation that puts the turned image centre back in the middle, in
    # double precision; the reference hands the product over as float32
    sin, cos = np.sin(angle), np.cos(angle)
    turn = np.array([[cos, -sin, 0.0], [sin, cos, 0.0], [0.0, 0.0, 1.0]])
    middle = np.array([side / 2, side / 2, 1.0])
    turned_middle = turn.dot(middle)[:2]
    back = np.eye(3)
    back[0, 2] = side * (-float(turned_middle[0]) / side + 0.5)
    back[1, 2] = side * (-float(turned_middle[1]) / side + 0.5)
    return back.dot(turn).astype(np.float32)


def main():
    src, out, angles = sys.argv[1], sys.argv[2], [float(a) for a in sys.argv[3:]]
    image = Image.open(src).convert('RGB')
    points = np.loadtxt(out + '/keypoints.txt', dtype=np.float32).reshape(21, 2)
    for i, angle in enumerate(angles):
        m = forward_matrix(angle)
        inv = np.linalg.inv(m)
        turned = image.transform((224, 224), Image.AFFINE,
                                 (inv[0, 0], inv[0, 1], inv[0, 2], inv[1, 0], inv[1, 1], inv[1, 2]))
        turned.save('%s/turned_%d.png' % (out, i))
        # the float32 inverse as LAPACK gave it, so that the resampling can be compared on its own
        np.savetxt('%s/turned_%d.inv' % (out, i), inv[:2].ravel().astype(np.float64), fmt='%.9e')
        homogeneous = np.concatenate([points, np.ones([21, 1])], 1)
        moved = m.dot(homogeneous.transpose()).transpose()[:, :2].astype(int)
        np.savetxt('%s/turned_%d.txt' % (out, i), moved, fmt='%d')


if __name__ == '__main__':
    main()
