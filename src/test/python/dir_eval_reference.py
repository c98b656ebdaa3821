#!/usr/bin/python3
"""DIR's evaluation numbers (apps/eval.py of PengfeiRen96/DIR) for given meshes, for ambidex's tests.

A test-data generator written from SEED_PORTS.md 3.6 and SEED_SPEC C.4, not the reference's code: for each sample
the ground-truth meshes of both hands (camera frame, metres) and the camera, DIR's outputs (each hand's mesh
relative to its wrist, and the right-minus-left wrist offset in metres), and the two J_regressors, it computes
what DIR's evaluation prints: joints = J_regressor rows and the tip vertices 745, 317, 444, 556, 673 (both hands)
in OpenPose order, applied to ground truth and prediction alike; each hand centred on ROOT and the prediction
scaled by the ground truth's wrist-to-middle-MCP length over its own; MPJPE and MPVPE (m), the 2-D errors (px) of
the aligned prediction put at the true root and projected, and the root error (for ROOT 0 || gt offset - predicted
offset ||; otherwise the predicted right hand moved by the offset before taking the roots' difference).
Hands are averaged as the reference prints "all": (left + right) / 2.

  /usr/bin/python3 dir_eval_reference.py IN.npz ROOT OUT.json
"""
import json
import sys

import numpy as np
import torch

TIPS = [745, 317, 444, 556, 673]
ORDER = [0, 13, 14, 15, 16, 1, 2, 3, 17, 4, 5, 6, 18, 10, 11, 12, 19, 7, 8, 9, 20]


def regressor(j16):
    tips = torch.zeros(5, j16.shape[1], dtype=j16.dtype)
    for i, v in enumerate(TIPS):
        tips[i, v] = 1
    return torch.cat([j16, tips], 0)[ORDER]


def project(x, cam):
    p = torch.matmul(x, cam.transpose(1, 2))
    return p[..., :2] / p[..., 2:]


def main(path, root, out):
    d = {k: torch.from_numpy(v) for k, v in np.load(path).items()}
    cam = d['cam']
    res = {}
    rel = {}
    for side in ('left', 'right'):
        jr = regressor(d['J_regressor_' + side])
        gv = d['gt_verts_' + side]
        gj = torch.matmul(jr, gv)
        pv = d['pred_verts_' + side]
        pj = torch.matmul(jr, pv)
        groot = gj[:, root:root + 1]
        proot = pj[:, root:root + 1]
        scale = (torch.linalg.norm(gj[:, 9] - gj[:, 0], dim=-1) / torch.linalg.norm(pj[:, 9] - pj[:, 0], dim=-1))[:, None, None]
        pja = (pj - proot) * scale
        pva = (pv - proot) * scale
        res['mpjpe_' + side] = torch.linalg.norm(pja - (gj - groot), dim=-1).mean().item()
        res['mpvpe_' + side] = torch.linalg.norm(pva - (gv - groot), dim=-1).mean().item()
        res['joint_2d_' + side] = torch.linalg.norm(project(pja + groot, cam) - project(gj, cam), dim=-1).mean().item()
        res['vertex_2d_' + side] = torch.linalg.norm(project(pva + groot, cam) - project(gv, cam), dim=-1).mean().item()
        rel[side] = (gj, pj)
    gt_offset = rel['right'][0][:, root] - rel['left'][0][:, root]
    offset = d['offset']
    if root == 0:
        pred = offset
    else:
        pred = (rel['right'][1] + offset[:, None])[:, root] - rel['left'][1][:, root]
    res['root_error'] = torch.linalg.norm(gt_offset - pred, dim=-1).mean().item()
    for k in ('mpjpe', 'mpvpe', 'joint_2d', 'vertex_2d'):
        res[k + '_both'] = (res[k + '_left'] + res[k + '_right']) / 2
    with open(out, 'w') as f:
        json.dump(res, f, indent=1)


if __name__ == '__main__':
    torch.set_default_dtype(torch.float64)
    main(sys.argv[1], int(sys.argv[2]), sys.argv[3])
