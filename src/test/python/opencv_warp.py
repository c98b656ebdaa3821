#!/usr/bin/python3
"""Runs OpenCV's own warpAffine on the images a Java test wrote, so the test can compare ambidex's fixed-point warp
with it. A test helper, not part of ambidex. Needs Debian's python3-opencv and python3-numpy:

  /usr/bin/python3 opencv_warp.py DIR

DIR holds cases.txt, one case a line: 'NAME WIDTH HEIGHT CHANNELS OUT_WIDTH OUT_HEIGHT a b c d e f' (the 2 x 3 map,
source pixels to destination pixels, decimal strings that parse to the exact doubles), and NAME.u8, the source
samples (height x width x channels, uint8). Writes NAME.out.u8: cv2.warpAffine(src, M, (OUT_WIDTH, OUT_HEIGHT),
flags=INTER_LINEAR, borderMode=BORDER_CONSTANT, borderValue=0) with M as float64.
"""
import os
import sys

import cv2
import numpy as np


def main(folder):
    cv2.setNumThreads(1)
    with open(os.path.join(folder, 'cases.txt')) as f:
        for line in f:
            if not line.strip():
                continue
            parts = line.split()
            name = parts[0]
            w, h, c, ow, oh = (int(v) for v in parts[1:6])
            m = np.array([float(v) for v in parts[6:12]], dtype=np.float64).reshape(2, 3)
            src = np.fromfile(os.path.join(folder, name + '.u8'), dtype=np.uint8).reshape(h, w, c)
            if c == 1:
                src = src[:, :, 0]
            out = cv2.warpAffine(src, m, (ow, oh), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT,
                                 borderValue=0)
            np.ascontiguousarray(out).astype(np.uint8).tofile(os.path.join(folder, name + '.out.u8'))


if __name__ == '__main__':
    main(sys.argv[1])
