#!/usr/bin/python3
"""Reference outputs of S2HAND's 2-D heat-map branch and its two loss terms from PyTorch, for ambidex's tests.

A test-data generator, not part of ambidex, written from the facts of SEED_PORTS.md section 5 and the task notes
(no code of TerenceCYJ/S2HAND is used): the stacked hourglass (Newell et al. 2016) with 2 stages, 2 residuals per
module, 256 features and 21 maps; pre-activation bottleneck residuals (BN, ReLU, 1x1 to half, BN, ReLU, 3x3, BN,
ReLU, 1x1; a 1x1 projection of the raw input when the channel counts differ); hourglasses of depth 4 (skip branch,
2x2 max pool, lower branch, nearest x2 up-sampling); the stem 7x7/2 conv, BN, ReLU, residual 64->128, max pool,
residuals 128->128->256; between stages x + ll(features) + tmpOut_(maps). The branch pads the 224-pixel crop with
zeros on the right and bottom to 256 and subtracts 0.5. Joints per stage: maps resized bilinearly (aligned corners)
to 256 x 256, softmax over all pixels, the mean column and row index.

Loss terms, as the official loss_func defines them:
  hm_integral = 1e-3 * sum over stages of sum(|det - hm_j2d| c^2) / sum(c^2)      (c the detection confidences)
  kp_cons     = 2e-4 * mean(rho(|hm_j2d_last - j2d|)), rho(d) = d^2 / 10 below 5 px, d - 2.5 above

  /usr/bin/python3 s2hand_heatmap_reference.py forward OUT_DIR SEED IMAGE [IMAGE ...]
      a checkpoint OUT_DIR/texturehand_hm.t7 ({'epoch', 'encoder', 'decoder', 'texture_light_from_low', 'rgb2hm'};
      the three 3-D modules random, from s2hand_reference.py), the crops OUT_DIR/input.npy (B, 3, 224, 224) and
      OUT_DIR/heatmaps.npz: maps (stages, B, 21, 64, 64), joints (stages, B, 21, 2)
  /usr/bin/python3 s2hand_heatmap_reference.py losses OUT_DIR SEED
      a random batch and its two terms in OUT_DIR/hm_losses.npz
"""
import math
import os
import sys

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import s2hand_reference as s2  # noqa: E402

JOINTS, STAGES, MODULES, FEATURES, DEPTH = 21, 2, 2, 256, 4
PADDED = 256
LAMBDA_HM = 1e-3
LAMBDA_KP_CONS = 2e-4


class Bottleneck(nn.Module):
    def __init__(self, cin, cout):
        super().__init__()
        mid = cout // 2
        self.bn = nn.BatchNorm2d(cin)
        self.conv1 = nn.Conv2d(cin, mid, 1)
        self.bn1 = nn.BatchNorm2d(mid)
        self.conv2 = nn.Conv2d(mid, mid, 3, padding=1)
        self.bn2 = nn.BatchNorm2d(mid)
        self.conv3 = nn.Conv2d(mid, cout, 1)
        if cin != cout:
            self.conv4 = nn.Conv2d(cin, cout, 1)

    def forward(self, x):
        y = self.conv1(F.relu(self.bn(x)))
        y = self.conv2(F.relu(self.bn1(y)))
        y = self.conv3(F.relu(self.bn2(y)))
        return y + (self.conv4(x) if hasattr(self, 'conv4') else x)


def chain(n):
    return nn.ModuleList([Bottleneck(FEATURES, FEATURES) for _ in range(n)])


def run_chain(blocks, x):
    for b in blocks:
        x = b(x)
    return x


class Glass(nn.Module):
    def __init__(self, depth):
        super().__init__()
        self.depth = depth
        if depth > 1:
            self.low2 = Glass(depth - 1)
        else:
            self.low2_ = chain(MODULES)
        self.up1_ = chain(MODULES)
        self.low1_ = chain(MODULES)
        self.low3_ = chain(MODULES)

    def forward(self, x):
        skip = run_chain(self.up1_, x)
        low = run_chain(self.low1_, F.max_pool2d(x, 2, 2))
        low = self.low2(low) if self.depth > 1 else run_chain(self.low2_, low)
        low = run_chain(self.low3_, low)
        return skip + F.interpolate(low, scale_factor=2, mode='nearest')


class Stacked(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1_ = nn.Conv2d(3, 64, 7, stride=2, padding=3)
        self.bn1 = nn.BatchNorm2d(64)
        self.r1 = Bottleneck(64, 128)
        self.r4 = Bottleneck(128, 128)
        self.r5 = Bottleneck(128, FEATURES)
        self.hourglass = nn.ModuleList([Glass(DEPTH) for _ in range(STAGES)])
        self.Residual = chain(STAGES * MODULES)
        self.lin_ = nn.ModuleList([nn.Sequential(nn.Conv2d(FEATURES, FEATURES, 1), nn.BatchNorm2d(FEATURES),
                                                 nn.ReLU()) for _ in range(STAGES)])
        self.tmpOut = nn.ModuleList([nn.Conv2d(FEATURES, JOINTS, 1) for _ in range(STAGES)])
        self.ll_ = nn.ModuleList([nn.Conv2d(FEATURES, FEATURES, 1) for _ in range(STAGES - 1)])
        self.tmpOut_ = nn.ModuleList([nn.Conv2d(JOINTS, FEATURES, 1) for _ in range(STAGES - 1)])

    def forward(self, x):
        x = F.relu(self.bn1(self.conv1_(x)))
        x = self.r5(self.r4(F.max_pool2d(self.r1(x), 2, 2)))
        maps = []
        for i in range(STAGES):
            y = self.hourglass[i](x)
            y = run_chain(self.Residual[i * MODULES:(i + 1) * MODULES], y)
            y = self.lin_[i](y)
            heat = self.tmpOut[i](y)
            maps.append(heat)
            if i < STAGES - 1:
                x = x + self.ll_[i](y) + self.tmpOut_[i](heat)
        return maps


class HeatmapBranch(nn.Module):
    """The checkpoint's 'rgb2hm': its state dict is net_hm.*"""

    def __init__(self):
        super().__init__()
        self.net_hm = Stacked()

    def forward(self, crops):
        pad = PADDED - crops.shape[3]
        padded = F.pad(crops, (0, pad, 0, pad))
        maps = self.net_hm(padded - 0.5)
        return maps, [integral_joints(m, PADDED) for m in maps]


def integral_joints(maps, size):
    b, k = maps.shape[:2]
    big = F.interpolate(maps, size=(size, size), mode='bilinear', align_corners=True)
    p = torch.softmax(big.reshape(b, k, -1), dim=2).reshape(b, k, size, size)
    ramp = torch.arange(size, dtype=maps.dtype)
    x = (p.sum(2) * ramp).sum(2)
    y = (p.sum(3) * ramp).sum(2)
    return torch.stack([x, y], dim=2)


def hm_integral(stage_joints, det, con):
    w = con ** 2
    total = 0
    for j in stage_joints:
        d = (det - j).pow(2).sum(2).sqrt()
        total = total + (d * w).sum() / w.sum()
    return LAMBDA_HM * total


def kp_cons(last_stage_joints, j2d):
    d = (last_stage_joints - j2d).pow(2).sum(2).sqrt()
    rho = torch.where(d < 5, d ** 2 / 10, d - 2.5)
    return LAMBDA_KP_CONS * rho.mean()


def calibrate(branch, crops, gen):
    """Running statistics near those of variants of the crops, then perturbed (as s2hand_reference.calibrate)."""
    batch = torch.cat([crops, crops.flip(3), 0.7 * crops, 0.5 + 0.5 * crops])
    norms = [m for m in branch.modules() if isinstance(m, nn.BatchNorm2d)]
    for m in norms:
        m.momentum = 1.0
    branch.train()
    with torch.no_grad():
        branch(batch)
    branch.eval()
    for m in norms:
        m.momentum = 0.1
        c = m.num_features
        m.running_mean.data += torch.randn(c, generator=gen) * 0.05 * m.running_var.sqrt()
        m.running_var.data *= 0.8 + 0.4 * torch.rand(c, generator=gen)
        m.num_batches_tracked.fill_(1234)


def forward(argv):
    out_dir, seed, images = argv[0], int(argv[1]), argv[2:]
    os.makedirs(out_dir, exist_ok=True)
    torch.set_num_threads(1)
    gen = torch.Generator().manual_seed(seed)
    encoder, decoder, texture, branch = s2.Encoder(), s2.Decoder(), s2.TextureLight(), HeatmapBranch()
    s2.randomise([encoder, decoder, texture, branch], gen)
    x = torch.from_numpy(s2.read_images(images))
    calibrate(branch, x, gen)
    torch.save({'epoch': 3, 'encoder': encoder.state_dict(), 'decoder': decoder.state_dict(),
                'texture_light_from_low': texture.state_dict(), 'rgb2hm': branch.state_dict()},
               os.path.join(out_dir, 'texturehand_hm.t7'))
    with torch.no_grad():
        maps, joints = branch(x)
    np.save(os.path.join(out_dir, 'input.npy'), x.numpy())
    np.savez(os.path.join(out_dir, 'heatmaps.npz'), maps=torch.stack(maps).numpy(),
             joints=torch.stack(joints).numpy())


def losses(argv):
    out_dir, seed = argv[0], int(argv[1])
    os.makedirs(out_dir, exist_ok=True)
    gen = torch.Generator().manual_seed(seed)
    b = 3
    det = torch.rand(b, JOINTS, 2, generator=gen) * 224
    # Stage joints and 3-D projections near the detections, some within the 5-pixel knee, some beyond.
    stages = [det + torch.randn(b, JOINTS, 2, generator=gen) * s for s in (9.0, 4.0)]
    j2d = stages[-1] + torch.randn(b, JOINTS, 2, generator=gen) * 4.0
    con = torch.rand(b, JOINTS, generator=gen)
    con[0, 3] = 0
    con[2, :5] = 0
    np.savez(os.path.join(out_dir, 'hm_losses.npz'), det=det.numpy(), stage0=stages[0].numpy(),
             stage1=stages[1].numpy(), j2d=j2d.numpy(), con=con.numpy(),
             hm_integral=np.array([hm_integral(stages, det, con).item()], dtype=np.float64),
             kp_cons=np.array([kp_cons(stages[-1], j2d).item()], dtype=np.float64))


if __name__ == '__main__':
    {'forward': forward, 'losses': losses}[sys.argv[1]](sys.argv[2:])
