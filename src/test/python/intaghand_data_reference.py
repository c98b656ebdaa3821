"""IntagHand's training loader step (core/loader.py, handDataset.process_data in training mode), written from the
facts of its code for IntagHandExamplesReferenceTest: one prepared frame and one augmentation in, the network input
and targets out.

    intaghand_data_reference.py IN.npz OUT.npz

IN holds the frame as the reference's data preparation leaves it (crop: 256x256x3 RGB levels; mask: 256x256x2, the
mask render's right and left channels; dense: 256x256x3; hms_left / hms_right: 64x64x21 heat-map levels; v2d_*,
v3d_*, j3d_*: crop pixels and camera-frame metres, left and right; optionally j2d_*, crop pixels) and the augmentation (theta degrees, scale, flip
0/1, gains for B, G, R, offset). OUT holds image (3x256x256), mask (2x64x64), dense (3x64x64), hms (42x64x64),
v2d_l, v2d_r, v3d_l, v3d_r, root_rel, and with j2d_* the heat-map levels render_data would store for them
(hm_levels_left / hm_levels_right, 64x64x21).

The loader's order: one affine warp (rotation about the crop centre, then scale; float32 matrices, 3.14159 for pi)
of the crop, mask, dense map and the 14 three-channel heat-map images (scaled up to 256 first, as its dataset reads
them), 2-D labels mapped by the same matrix and 3-D labels rotated about the optical axis; the colour change
(gain per channel, one offset, Gaussian noise of deviation 0) clipped and truncated to uint8; the flip
(cv2.flip, x -> 256 - x, 3-D x negated, hands swapped, mask channels and heat-map halves swapped,
root_rel[1:] negated); the mask, dense map and heat maps resized to 64; the mask thresholded above 127 and its
channels 1: kept; each hand about its middle MCP (joint 9) and everything scaled so that the mean wrist-to-MCP
length is 0.095.
"""
import math
import sys

import cv2
import numpy as np

BONE = 0.095
MEAN = np.array([0.485, 0.456, 0.406], dtype=np.float32)
STD = np.array([0.229, 0.224, 0.225], dtype=np.float32)


def about_centre(theta, scale, size):
    """S(scale) @ R(theta), each about the image centre, float32 as the reference builds them."""
    c = np.array([size / 2, size / 2, 1], dtype=np.float32)
    t = theta * (3.14159 / 180)
    rot = np.zeros((3, 3), dtype=np.float32)
    rot[0, 0] = math.cos(t)
    rot[0, 1] = -math.sin(t)
    rot[1, 0] = math.sin(t)
    rot[1, 1] = math.cos(t)
    rot[2, 2] = 1
    shift = np.matmul(np.identity(3, dtype=np.float32) - rot, c)
    rot[0, 2], rot[1, 2] = shift[0], shift[1]
    sc = np.zeros((3, 3), dtype=np.float32)
    sc[0, 0] = sc[1, 1] = scale
    sc[2, 2] = 1
    shift = np.matmul(np.identity(3, dtype=np.float32) - sc, c)
    sc[0, 2], sc[1, 2] = shift[0], shift[1]
    return np.matmul(sc, rot)


def rot3(theta):
    t = theta * (3.14159 / 180)
    r = np.zeros((3, 3), dtype=np.float32)
    r[0, 0] = math.cos(t)
    r[0, 1] = -math.sin(t)
    r[1, 0] = math.sin(t)
    r[1, 1] = math.cos(t)
    r[2, 2] = 1
    return r


def heatmap_levels(j2d):
    """render_data's heat maps of one hand: HeatmapGenerator(64, sigma 2) about the crop joints / 4 (none for a joint
    outside [0, 64)), float32, times 255 and rounded to 8 bits as cv.imwrite stores them; 64x64x21."""
    res, sigma = 64, 2
    out = np.zeros((21, res, res), dtype=np.float32)
    xs = np.arange(0, res, 1, float)[np.newaxis, :]
    ys = np.arange(0, res, 1, float)[:, np.newaxis]
    for j, (x, y) in enumerate(j2d * res / 256):
        if x < 0 or y < 0 or x >= res or y >= res:
            continue
        out[j] = np.exp(-((xs - x) ** 2 + (ys - y) ** 2) / (2 * sigma ** 2))
    return np.clip(np.rint(out * np.float32(255)), 0, 255).transpose(1, 2, 0)


def run(d):
    size = 256
    theta, scale, flip = float(d['theta']), float(d['scale']), bool(d['flip'])
    gains, offset = d['gains'].astype(np.float64), float(d['offset'])
    bgr = np.ascontiguousarray(d['crop'].astype(np.uint8)[..., ::-1])
    mask = np.zeros((size, size, 3), dtype=np.uint8)
    mask[..., 0] = 1
    mask[..., 1:] = d['mask'].astype(np.uint8)
    dense = d['dense'].astype(np.uint8)
    hm_images = []
    for side in ('hms_left', 'hms_right'):
        levels = d[side].astype(np.uint8)
        for k in range(7):
            hm_images.append(cv2.resize(np.ascontiguousarray(levels[..., 3 * k:3 * k + 3]), (size, size)))

    m = about_centre(theta, scale, size)
    warped = [cv2.warpAffine(x, m[0:2, :], (size, size)) for x in [bgr, mask, dense] + hm_images]
    bgr, mask, dense, hms = warped[0], warped[1], warped[2], warped[3:]
    two_d = [np.matmul(d[k].astype(np.float64), m[0:2, 0:2].T) + m[0:2, 2:3].T for k in ('v2d_left', 'v2d_right')]
    r = rot3(theta)
    three_d = [np.matmul(d[k].astype(np.float32), r.T) for k in ('v3d_left', 'j3d_left', 'v3d_right', 'j3d_right')]

    noisy = gains * bgr.astype(np.float32) + offset + 255.0 * np.zeros(bgr.shape)
    bgr = np.clip(noisy, 0, 255.0).astype(np.uint8)

    if flip:
        bgr = cv2.flip(bgr, 1)
        mask = cv2.flip(mask, 1)
        dense = cv2.flip(dense, 1)
        hms = [cv2.flip(h, 1) for h in hms]

    dense = cv2.resize(dense, (64, 64)).astype(np.float32).transpose(2, 0, 1) / 255
    mask = cv2.resize(mask, (64, 64))
    _, mask = cv2.threshold(mask, 127, 255, cv2.THRESH_BINARY)
    mask = (mask.astype(np.float64) / 255)[..., 1:]
    if flip:
        mask = mask[..., [1, 0]]
    mask = mask.astype(np.float32).transpose(2, 0, 1)
    hms = np.concatenate([cv2.resize(h, (64, 64)) for h in hms], axis=-1)
    if flip:
        hms = hms[..., list(range(21, 42)) + list(range(21))]
    hms = hms.astype(np.float32).transpose(2, 0, 1) / 255

    rgb = cv2.cvtColor(bgr, cv2.COLOR_BGR2RGB).astype(np.float32) / 255
    image = ((rgb - MEAN) / STD).transpose(2, 0, 1)

    v3l, j3l, v3r, j3r = three_d
    root_l, root_r = j3l[9], j3r[9]
    root_rel = root_r - root_l
    v3l, j3l, v3r, j3r = v3l - root_l, j3l - root_l, v3r - root_r, j3r - root_r
    length = (np.linalg.norm(j3l[9] - j3l[0]) + np.linalg.norm(j3r[9] - j3r[0])) / 2
    s = BONE / length
    root_rel, v3l, v3r = root_rel * s, v3l * s, v3r * s
    # the loader holds every label as a float32 tensor from here on
    v2l, v2r = two_d[0].astype(np.float32), two_d[1].astype(np.float32)
    v3l, v3r = v3l.astype(np.float32), v3r.astype(np.float32)
    root_rel = root_rel.astype(np.float32)
    if flip:
        root_rel[1:] = -root_rel[1:]
        v2l, v2r = v2l.copy(), v2r.copy()
        v2l[:, 0] = size - v2l[:, 0]
        v2r[:, 0] = size - v2r[:, 0]
        v3l, v3r = v3l.copy(), v3r.copy()
        v3l[:, 0] = -v3l[:, 0]
        v3r[:, 0] = -v3r[:, 0]
        v2l, v2r, v3l, v3r = v2r, v2l, v3r, v3l
    out = {'image': image, 'mask': mask, 'dense': dense, 'hms': hms, 'v2d_l': v2l, 'v2d_r': v2r,
           'v3d_l': v3l, 'v3d_r': v3r, 'root_rel': root_rel}
    for side in ('left', 'right'):
        if 'j2d_' + side in d:
            out['hm_levels_' + side] = heatmap_levels(d['j2d_' + side])
    return out


def main():
    d = dict(np.load(sys.argv[1]))
    out = run(d)
    np.savez(sys.argv[2], **{k: np.asarray(v, dtype=np.float64) for k, v in out.items()})


if __name__ == '__main__':
    main()
