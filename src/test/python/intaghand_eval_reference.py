#!/usr/bin/python3
"""IntagHand's evaluation numbers (apps/eval_interhand.py of Dw1010/IntagHand) for given meshes, for ambidex's test
of 'eval --protocol intaghand'. A test-data generator written from that script's facts (SEED_PORTS 2.6), NumPy only:

  /usr/bin/python3 intaghand_eval_reference.py DIR MANO_FOLDER

DIR holds gt_right.f64, gt_left.f64, pred_right.f64, pred_left.f64 (N x 778 x 3 little-endian float64 meshes);
MANO_FOLDER holds MANO_RIGHT.npz and MANO_LEFT.npz (J_regressor). Joints of both ground truth and prediction are
the regressor rows plus one-hot rows on the tips 745, 317, 444, 556, 673, reordered to the OpenPose order; each mesh is
made relative to its joint 9, the prediction scaled by |J9 - J0| of the ground truth over its own; errors are point
distances averaged over all frames and points per hand, 'both' = (left + right) / 2. Writes DIR/expected.json in metres.
"""
import json
import os
import sys

import numpy as np

ORDER = [0, 13, 14, 15, 16, 1, 2, 3, 17, 4, 5, 6, 18, 10, 11, 12, 19, 7, 8, 9, 20]
TIPS = [745, 317, 444, 556, 673]


def regressor(npz):
    j = np.load(npz)['J_regressor'].astype(np.float64)
    tips = np.zeros((5, j.shape[1]))
    for row, v in enumerate(TIPS):
        tips[row, v] = 1.0
    return np.concatenate([j, tips], 0)[ORDER]


def main(folder, mano):
    out = {}
    for side, name in (('right', 'MANO_RIGHT.npz'), ('left', 'MANO_LEFT.npz')):
        jr = regressor(os.path.join(mano, name))
        gt = np.fromfile(os.path.join(folder, 'gt_%s.f64' % side), '<f8').reshape(-1, 778, 3)
        pred = np.fromfile(os.path.join(folder, 'pred_%s.f64' % side), '<f8').reshape(-1, 778, 3)
        jg = np.einsum('jv,nvc->njc', jr, gt)
        jp = np.einsum('jv,nvc->njc', jr, pred)
        rg = jg[:, 9:10]
        rp = jp[:, 9:10]
        scale = (np.linalg.norm(jg[:, 9] - jg[:, 0], axis=-1) / np.linalg.norm(jp[:, 9] - jp[:, 0], axis=-1))[:, None, None]
        joint_err = np.linalg.norm((jp - rp) * scale - (jg - rg), axis=-1)
        vert_err = np.linalg.norm((pred - rp) * scale - (gt - rg), axis=-1)
        out[side] = {'mpjpe': float(joint_err.mean()), 'mpvpe': float(vert_err.mean())}
    for key in ('mpjpe', 'mpvpe'):
        out.setdefault('both', {})[key] = (out['left'][key] + out['right'][key]) / 2
    with open(os.path.join(folder, 'expected.json'), 'w') as f:
        json.dump(out, f, indent=1)


if __name__ == '__main__':
    main(sys.argv[1], sys.argv[2])
