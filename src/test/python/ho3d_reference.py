#!/usr/bin/env python3
"""Test-data generator for ambidex's HO-3D reader and S2HAND's HO-3D crop.

Written from the facts in SEED_SPEC.md G.4 and F.3, TerenceCYJ/S2HAND's examples/data/dataset.py (the HO3D branch
of HandDataset.get_sample) and traineval_util.py (data_dic's sign fix), and shreyashampali/ho3d's vis_utils.py
(OpenGL frame, coordChangeMat), with NumPy, pickle, PyTorch and Pillow, the libraries the reference uses.
torchvision's resized_crop on a PIL image is Image.crop then Image.resize(BILINEAR), so Pillow stands in for it.

usage:
  ho3d_reference.py folder SPEC.json BASE
      writes BASE/<list>.txt and BASE/<folder>/<seq>/meta/<frame>.pkl for the frames of SPEC.json, a list of
      {"split": "train"|"evaluation", "seq", "frame", "K": 3x3, "joints": 21x3 (OpenCV frame, OpenPose order,
      metres), "bbox": [x1, y1, x2, y2] (evaluation)}; the annotations are stored as HO-3D stores them: OpenGL
      frame, HO-3D joint order, numpy arrays, protocol-2 pickles; MANO parameters drawn from seed 7 per frame
      (training; None in evaluation, as v3's evaluation files hold), which also go to SPEC.json.mano.json
  ho3d_reference.py crop BASE SPLIT SEQ FRAME NOISE_X NOISE_Y SCALE_NOISE OUT
      S2HAND's crop of that frame with the given noises in place of the reference's draws: OUT/img.npy (224 x 224 x 3
      uint8), OUT/K.npy (the crop's K after data_dic's sign fix, float32), OUT/uv.npy (the points the crop is made
      about, moved into the crop), OUT/box.npy (the whole-pixel box Pillow cut), OUT/scale.npy
  ho3d_reference.py bad FILE KIND
      a training annotation with one defect: shape (20 joints), nan (in camMat), skew (camMat not pinhole),
      global (a pickled os.system call), notdict (a list), nojoints (no handJoints3D)
"""
import json
import os
import pickle
import sys

import numpy as np

# FreiHAND (OpenPose) joint i is HO-3D joint FREI_TO_HO3D[i] (S2HAND's HO3D2Frei / Frei2HO3D).
FREI_TO_HO3D = {0: 0, 1: 13, 2: 14, 3: 15, 4: 16, 5: 1, 6: 2, 7: 3, 8: 17, 9: 4, 10: 5, 11: 6, 12: 18,
                13: 10, 14: 11, 15: 12, 16: 19, 17: 7, 18: 8, 19: 9, 20: 20}
COORD_CHANGE = np.array([[1., 0., 0.], [0., -1., 0.], [0., 0., -1.]], dtype=np.float32)


def write_folder(spec_file, base):
    with open(spec_file) as f:
        frames = json.load(f)
    lists = {}
    stored = {}
    rng = np.random.RandomState(7)
    for fr in frames:
        split = fr['split']
        lists.setdefault(split, []).append('%s/%s' % (fr['seq'], fr['frame']))
        meta_dir = os.path.join(base, split, fr['seq'], 'meta')
        os.makedirs(meta_dir, exist_ok=True)
        op = np.array(fr['joints'], dtype=np.float64)
        ho3d = np.zeros_like(op)
        for frei, h in FREI_TO_HO3D.items():
            ho3d[h] = op[frei]
        gl = ho3d.dot(COORD_CHANGE.T.astype(np.float64))
        meta = {
            'camMat': np.array(fr['K'], dtype=np.float64),
            'objName': '006_mustard_bottle',
            'objLabel': 5,
            'camIDList': ['0'],
            'objTrans': rng.randn(3).astype(np.float32),
            'objRot': rng.randn(3, 1).astype(np.float32),
            'objCorners3DRest': rng.randn(8, 3).astype(np.float32),
            'objCorners3D': rng.randn(8, 3).astype(np.float32),
        }
        if split == 'train':
            meta['handJoints3D'] = gl
            meta['handPose'] = rng.uniform(-0.5, 0.5, 48).astype(np.float32)
            meta['handBeta'] = rng.uniform(-1, 1, 10).astype(np.float32)
            meta['handTrans'] = gl[0].astype(np.float32)
            stored['%s/%s' % (fr['seq'], fr['frame'])] = {
                k: meta[k].astype(np.float64).tolist() for k in ('handPose', 'handBeta', 'handTrans')}
        else:
            meta['handJoints3D'] = gl[0]
            meta['handBoundingBox'] = np.array(fr['bbox'], dtype=np.int64)
            meta['handPose'] = None
            meta['handBeta'] = None
            meta['handTrans'] = None
        with open(os.path.join(meta_dir, fr['frame'] + '.pkl'), 'wb') as f:
            pickle.dump(meta, f, protocol=2)
    for split, lines in lists.items():
        with open(os.path.join(base, split + '.txt'), 'w') as f:
            f.write('\n'.join(lines) + '\n')
    with open(spec_file + '.mano.json', 'w') as f:
        json.dump(stored, f)


def reference_crop(base, split, seq, frame, noise_x, noise_y, scale_noise, out):
    import torch
    from PIL import Image
    with open(os.path.join(base, split, seq, 'meta', frame + '.pkl'), 'rb') as f:
        meta = pickle.load(f)
    image = Image.open(os.path.join(base, split, seq, 'rgb', frame + '.png')).convert('RGB')
    cam_extr = torch.tensor([[1, 0, 0], [0, -1, 0], [0, 0, -1]]).float()
    ks = torch.mm(torch.from_numpy(meta['camMat']).float(), cam_extr)
    if 'handBoundingBox' in meta:
        b = meta['handBoundingBox']
        uv = torch.tensor([[b[0], b[1]], [b[2], b[3]]])
    else:
        j3d = torch.from_numpy(meta['handJoints3D']).float().unsqueeze(0)
        hom = torch.bmm(ks.unsqueeze(0), j3d.permute(0, 2, 1)).permute(0, 2, 1)
        uv = (hom[:, :, :2] / hom[:, :, 2:]).squeeze(0)
    res = 224
    center = (torch.max(uv, 0)[0] + torch.min(uv, 0)[0]) / 2
    center = torch.tensor([noise_x, noise_y], dtype=torch.float32) + center
    low = torch.max(torch.min(uv, 0)[0], torch.zeros(2)) - torch.tensor([10.0, 10.0])
    high = torch.min(torch.max(uv, 0)[0], torch.tensor([640.0, 480.0])) + torch.tensor([10.0, 10.0])
    size = torch.max(4 * torch.max(high - center, center - low))
    size = torch.min(torch.max(size, torch.ones(1) * 50.0), torch.ones(1) * 640.0)
    scale = torch.min(res / size, torch.ones(1) * 10.0) * torch.tensor([scale_noise], dtype=torch.float32)
    side = res / scale
    top = (center[1] - side // 2).item()
    left = (center[0] - side // 2).item()
    s = side.item()
    box = tuple(int(round(v)) for v in (left, top, left + s, top + s))
    crop = image.crop(box).resize((res, res), Image.BILINEAR)
    moved = torch.stack([(uv[:, 0] - center[0]) * scale + res // 2, (uv[:, 1] - center[1]) * scale + res // 2], 1)
    scale_matrix = torch.tensor([[scale, 0.0, 0.0], [0.0, scale, 0.0], [0.0, 0.0, 1.0]])
    t1 = center[0] * scale - res // 2
    t2 = center[1] * scale - res // 2
    shift = torch.tensor([[1.0, 0.0, -t1], [0.0, 1.0, -t2], [0.0, 0.0, 1.0]])
    k_crop = torch.mm(shift, torch.mm(scale_matrix, ks))
    k_crop = k_crop.mul(torch.tensor([1, -1, -1]).view(1, -1).float())
    os.makedirs(out, exist_ok=True)
    np.save(os.path.join(out, 'img.npy'), np.asarray(crop, dtype=np.uint8))
    np.save(os.path.join(out, 'K.npy'), k_crop.numpy().astype(np.float32))
    np.save(os.path.join(out, 'uv.npy'), moved.numpy().astype(np.float32))
    np.save(os.path.join(out, 'box.npy'), np.array(box, dtype=np.int64))
    np.save(os.path.join(out, 'scale.npy'), scale.numpy().astype(np.float32))


class _RunsCode(object):
    # a pickle that would run a shell command when loaded by pickle.load
    def __reduce__(self):
        return os.system, ('true',)


def write_bad(path, kind):
    k = np.array([[600.0, 0, 320], [0, 600.0, 240], [0, 0, 1]])
    meta = {'camMat': k, 'handJoints3D': np.zeros((21, 3)) - 0.5}
    if kind == 'shape':
        meta['handJoints3D'] = np.zeros((20, 3))
    elif kind == 'nan':
        meta['camMat'] = k.copy()
        meta['camMat'][0, 2] = np.nan
    elif kind == 'skew':
        meta['camMat'] = k.copy()
        meta['camMat'][0, 1] = 2.0
    elif kind == 'global':
        meta['objName'] = _RunsCode()
    elif kind == 'notdict':
        meta = [k]
    elif kind == 'nojoints':
        del meta['handJoints3D']
    with open(path, 'wb') as f:
        pickle.dump(meta, f, protocol=2)


def main():
    if sys.argv[1] == 'folder':
        write_folder(sys.argv[2], sys.argv[3])
    elif sys.argv[1] == 'bad':
        write_bad(sys.argv[2], sys.argv[3])
    elif sys.argv[1] == 'crop':
        a = sys.argv
        reference_crop(a[2], a[3], a[4], a[5], float(a[6]), float(a[7]), float(a[8]), a[9])
    else:
        raise SystemExit(__doc__)


if __name__ == '__main__':
    main()
