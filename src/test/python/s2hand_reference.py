#!/usr/bin/python3
"""Reference outputs of S2HAND's 3-D forward from PyTorch, for ambidex's tests.

A test-data generator, not part of ambidex, written from the facts in SEED_PORTS.md section 5 and SEED_SPEC.md F.3
(no code of TerenceCYJ/S2HAND or EfficientNet-PyTorch is used): EfficientNet-B3 with TensorFlow's static "same"
padding computed for the nominal 300-pixel input, swish, squeeze-excitation and batch-norm epsilon 1e-3; S2HAND's
encoder (7 x 7 average), MANO regressors, texture and lighting head; its MANO variant (30 PCA components with
hands_mean, root fixed to (pi, 0, 0), mean shape, tips 320/443/672/555/744 inserted after each finger, the
predicted rotation about the origin, trans + |scale| * points, then the MANO -> FreiHAND joint order).

The network gets random weights and random batch-norm statistics from a fixed seed and is saved as the published
checkpoints are laid out: {'args': argparse.Namespace, 'optimizer': Adam state, 'epoch', 'encoder', 'decoder',
'texture_light_from_low'} with every storage tagged as saved on cuda:0, in the legacy (pre-1.6) container that the
PyTorch 1.1 of the reference wrote. It has no 'rgb2hm' (the 2-D branch, s2hand_heatmap_reference.py), as the files
of the reference's 3-D-only stages do not.

  /usr/bin/python3 s2hand_reference.py OUT_DIR MANO_NPZ SEED IMAGE [IMAGE ...]
  /usr/bin/python3 s2hand_reference.py losses OUT_DIR MANO_NPZ SEED     the loss terms on a fixed random batch
  /usr/bin/python3 s2hand_reference.py load CHECKPOINT                  load a checkpoint into the modules, strictly

Each image is read with PIL, cut to its central square, resized to 224 x 224 (bilinear) and divided by 255; the
batch is written to OUT_DIR/input.npy (B, 3, 224, 224), the checkpoint to OUT_DIR/texturehand_test.t7 and the
outputs to OUT_DIR/outputs.npz (joints (B, 21, 3) FreiHAND order, vertices (B, 778, 3), pose (B, 30), shape, trans,
rot, scale, textures (B, 1538, 3), lights (B, 11), features (B, 1536)).
"""
import argparse
import copy
import math
import os
import sys

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

NOMINAL = 300
BN_EPS = 1e-3
BN_MOMENTUM = 0.01


# ---------------------------------------------------------------- EfficientNet-B3
class SameConv(nn.Conv2d):
    """Conv2d after zero padding as TensorFlow's 'same' for a NOMINAL-pixel input (fixed, whatever the input)."""

    def __init__(self, cin, cout, k, stride=1, groups=1, bias=False):
        super().__init__(cin, cout, k, stride=stride, padding=0, groups=groups, bias=bias)
        out = -(-NOMINAL // stride)
        total = max((out - 1) * stride + k - NOMINAL, 0)
        self.pads = (total // 2, total - total // 2, total // 2, total - total // 2)

    def forward(self, x):
        return super().forward(F.pad(x, self.pads))


def swish(x):
    return x * torch.sigmoid(x)


def widen(c):
    f = c * 1.2
    r = max(8, int(f + 4) // 8 * 8)
    return r + 8 if r < 0.9 * f else r


# kernel, repeats, stride, expansion, in, out (B0), scaled to B3 below
STAGES = [(3, 1, 1, 1, 32, 16), (3, 2, 2, 6, 16, 24), (5, 2, 2, 6, 24, 40), (3, 3, 2, 6, 40, 80),
          (5, 3, 1, 6, 80, 112), (5, 4, 2, 6, 112, 192), (3, 1, 1, 6, 192, 320)]


def b3_blocks():
    out = []
    for k, r, s, e, i, o in STAGES:
        i, o = widen(i), widen(o)
        n = int(math.ceil(1.4 * r))
        out.append((k, s, e, i, o))
        out += [(k, 1, e, o, o)] * (n - 1)
    return out


class MBConv(nn.Module):
    def __init__(self, k, s, e, cin, cout):
        super().__init__()
        mid = cin * e
        self.e = e
        if e != 1:
            self._expand_conv = SameConv(cin, mid, 1)
            self._bn0 = nn.BatchNorm2d(mid, eps=BN_EPS, momentum=BN_MOMENTUM)
        self._depthwise_conv = SameConv(mid, mid, k, s, groups=mid)
        self._bn1 = nn.BatchNorm2d(mid, eps=BN_EPS, momentum=BN_MOMENTUM)
        sq = max(1, int(cin * 0.25))
        self._se_reduce = SameConv(mid, sq, 1, bias=True)
        self._se_expand = SameConv(sq, mid, 1, bias=True)
        self._project_conv = SameConv(mid, cout, 1)
        self._bn2 = nn.BatchNorm2d(cout, eps=BN_EPS, momentum=BN_MOMENTUM)
        self.skip = s == 1 and cin == cout

    def forward(self, inp):
        x = inp
        if self.e != 1:
            x = swish(self._bn0(self._expand_conv(x)))
        x = swish(self._bn1(self._depthwise_conv(x)))
        g = self._se_expand(swish(self._se_reduce(x.mean((2, 3), keepdim=True))))
        x = torch.sigmoid(g) * x
        x = self._bn2(self._project_conv(x))
        return x + inp if self.skip else x


class EfficientNetB3(nn.Module):
    def __init__(self):
        super().__init__()
        self._conv_stem = SameConv(3, widen(32), 3, 2)
        self._bn0 = nn.BatchNorm2d(widen(32), eps=BN_EPS, momentum=BN_MOMENTUM)
        self._blocks = nn.ModuleList([MBConv(*b) for b in b3_blocks()])
        last = b3_blocks()[-1][4]
        self._conv_head = SameConv(last, 1536, 1)
        self._bn1 = nn.BatchNorm2d(1536, eps=BN_EPS, momentum=BN_MOMENTUM)
        self._fc = nn.Linear(1536, 1000)

    def features(self, x):
        x = swish(self._bn0(self._conv_stem(x)))
        low = None
        for i, b in enumerate(self._blocks):
            x = b(x)
            if i == 4:
                low = x
        return swish(self._bn1(self._conv_head(x))), low


class Encoder(nn.Module):
    def __init__(self):
        super().__init__()
        self.encoder = EfficientNetB3()

    def forward(self, x):
        head, low = self.encoder.features(x)
        return F.avg_pool2d(head, 7, stride=1).flatten(1), low


# ---------------------------------------------------------------- heads
def mlp2(out):
    return nn.Sequential(nn.Linear(512, 128), nn.ReLU(), nn.Linear(128, out))


def mlp3(out):
    return nn.Sequential(nn.Linear(512, 128), nn.ReLU(), nn.Linear(128, 32), nn.Linear(32, out))


class PoseHand(nn.Module):
    def __init__(self):
        super().__init__()
        self.base_layers = nn.Sequential(nn.Linear(1536, 1024), nn.BatchNorm1d(1024), nn.ReLU(),
                                         nn.Linear(1024, 512), nn.BatchNorm1d(512), nn.ReLU())
        self.pose_reg = mlp2(30)
        self.shape_reg = mlp2(10)
        self.trans_reg = mlp3(3)
        self.rot_reg = mlp3(3)
        self.scale_reg = mlp3(1)

    def forward(self, f):
        b = self.base_layers(f)
        return self.pose_reg(b), self.shape_reg(b), self.trans_reg(b), self.rot_reg(b), self.scale_reg(b)


class Decoder(nn.Module):
    def __init__(self):
        super().__init__()
        self.hand_decode = PoseHand()


class TextureLight(nn.Module):
    def __init__(self):
        super().__init__()
        self.base_layers = nn.Sequential(nn.Conv2d(32, 48, 10, 4, 1), nn.ReLU(), nn.MaxPool2d(3, 2),
                                         nn.Conv2d(48, 64, 3), nn.ReLU(), nn.MaxPool2d(2, 2))
        self.texture_reg = nn.Sequential(nn.Linear(256, 64), nn.ReLU(), nn.Linear(64, 1538 * 3))
        self.light_reg = nn.Sequential(nn.Linear(256, 64), nn.ReLU(), nn.Linear(64, 11))

    def forward(self, low):
        f = self.base_layers(low).flatten(1)
        mean = torch.tensor([200 / 256, 150 / 256, 150 / 256])
        return self.texture_reg(f).view(-1, 1538, 3) + mean, self.light_reg(f)


# ---------------------------------------------------------------- S2HAND's MANO variant
def rodrigues(r):
    theta = r.pow(2).sum(1).sqrt()
    n = r / theta.clamp(min=1e-30).view(-1, 1)
    z = torch.zeros_like(n[:, 0])
    k = torch.stack([z, -n[:, 2], n[:, 1], n[:, 2], z, -n[:, 0], -n[:, 1], n[:, 0], z], 1).view(-1, 3, 3)
    eye = torch.eye(3, dtype=r.dtype).unsqueeze(0)
    return eye + torch.sin(theta).view(-1, 1, 1) * k + (1 - torch.cos(theta)).view(-1, 1, 1) * (k @ k)


class Mano:
    TIPS = (320, 443, 672, 555, 744)  # inserted after the index, middle, pinky, ring, thumb chains
    # position in the MANO+tips list -> FreiHAND index
    TO_FREI = [0, 5, 6, 7, 8, 9, 10, 11, 12, 17, 18, 19, 20, 13, 14, 15, 16, 1, 2, 3, 4]

    def __init__(self, npz, dtype=torch.float32):
        m = np.load(npz)
        f32 = lambda a: torch.from_numpy(np.asarray(a, dtype=np.float32)).to(dtype)  # float32 data, held as dtype
        self.v_template = f32(m['v_template'])
        self.posedirs = f32(m['posedirs'])            # (778, 3, 135)
        self.j_regressor = f32(m['J_regressor'])      # (16, 778)
        self.weights = f32(m['weights'])              # (778, 16)
        self.components = f32(m['hands_components'][:30])
        self.mean = f32(m['hands_mean'])
        kt = m['kintree_table']
        self.parents = [-1] + [int(kt[0, i]) for i in range(1, kt.shape[1])]

    def __call__(self, coeffs, rot, scale, trans):
        b = coeffs.shape[0]
        fingers = (self.mean + coeffs @ self.components).view(b, 15, 3)
        root = torch.tensor([math.pi, 0.0, 0.0]).float().to(coeffs.dtype).view(1, 1, 3).expand(b, 1, 3)
        pose = torch.cat([root, fingers], 1)
        rmats = rodrigues(pose.reshape(-1, 3)).view(b, 16, 3, 3)
        feat = (rmats[:, 1:] - torch.eye(3, dtype=coeffs.dtype)).reshape(b, 135)
        v_posed = self.v_template + torch.einsum('vck,bk->bvc', self.posedirs, feat)
        j = self.j_regressor @ self.v_template                  # (16, 3): mean shape
        glob = [None] * 16
        for i in range(16):
            local = torch.zeros(b, 4, 4, dtype=coeffs.dtype)
            local[:, :3, :3] = rmats[:, i]
            local[:, :3, 3] = j[i] if self.parents[i] < 0 else j[i] - j[self.parents[i]]
            local[:, 3, 3] = 1
            glob[i] = local if self.parents[i] < 0 else glob[self.parents[i]] @ local
        g = torch.stack(glob, 1)                                # (b, 16, 4, 4)
        rel = g.clone()
        rel[:, :, :3, 3] = g[:, :, :3, 3] - (g[:, :, :3, :3] @ j.view(1, 16, 3, 1)).squeeze(-1)
        t = torch.einsum('vk,bkij->bvij', self.weights, rel)    # (b, 778, 4, 4)
        verts = (t[:, :, :3, :3] @ v_posed.unsqueeze(-1)).squeeze(-1) + t[:, :, :3, 3]
        joints = list(g[:, :, :3, 3].unbind(1))
        for pos, v in zip((4, 8, 12, 16, 20), self.TIPS):
            joints.insert(pos, verts[:, v])
        joints = torch.stack(joints, 1)
        r = rodrigues(rot)
        s = scale.abs().view(b, 1, 1)
        joints = trans.view(b, 1, 3) + s * (joints @ r.transpose(1, 2))
        verts = trans.view(b, 1, 3) + s * (verts @ r.transpose(1, 2))
        frei = torch.zeros_like(joints)
        frei[:, self.TO_FREI] = joints
        return frei, verts


# ---------------------------------------------------------------- random weights, checkpoint, outputs
def randomise(modules, gen):
    for module in modules:
        for m in module.modules():
            if isinstance(m, (nn.Conv2d, nn.Linear)):
                fan_in = m.weight[0].numel()
                m.weight.data = torch.randn(m.weight.shape, generator=gen) * math.sqrt(1.0 / fan_in)
                if m.bias is not None:
                    m.bias.data = torch.randn(m.bias.shape, generator=gen) * 0.05
            elif isinstance(m, (nn.BatchNorm2d, nn.BatchNorm1d)):
                c = m.num_features
                m.weight.data = 0.5 + torch.rand(c, generator=gen)
                m.bias.data = torch.randn(c, generator=gen) * 0.1
                m.running_mean.data = torch.randn(c, generator=gen) * 0.1
                m.running_var.data = 0.5 + torch.rand(c, generator=gen)
                m.num_batches_tracked.fill_(1234)


def calibrate(encoder, decoder, x, gen):
    """Running statistics near those of variants of the input (flips, dimmed), then perturbed, so that a random
    network of 26 blocks still passes the image through (with arbitrary statistics the image's share of the signal
    dies out in a few blocks). The encoder is calibrated first, then the regressor on the evaluated encoder's
    features."""
    batch = torch.cat([x, x.flip(3), x.flip(2), 0.7 * x, x.flip(2).flip(3), 0.5 + 0.5 * x])

    def run(module, norms, forward):
        for m in norms:
            m.momentum = 1.0
        module.train()
        with torch.no_grad():
            forward()
        module.eval()
        for m in norms:
            m.momentum = BN_MOMENTUM if isinstance(m, nn.BatchNorm2d) else 0.1
            c = m.num_features
            m.running_mean.data += torch.randn(c, generator=gen) * 0.05 * m.running_var.sqrt()
            m.running_var.data *= 0.8 + 0.4 * torch.rand(c, generator=gen)
            m.num_batches_tracked.fill_(1234)

    bn = lambda module: [m for m in module.modules() if isinstance(m, (nn.BatchNorm2d, nn.BatchNorm1d))]
    run(encoder, bn(encoder), lambda: encoder(batch))
    with torch.no_grad():
        features, _ = encoder(batch)
    run(decoder, bn(decoder), lambda: decoder.hand_decode(features))


def tame(encoder, head, gen):
    # The projection batch norm feeds the residual sums: smaller scales keep 26 random blocks finite.
    for blk in encoder.encoder._blocks:
        blk._bn2.weight.data = 0.2 + 0.3 * torch.rand(blk._bn2.num_features, generator=gen)
    # Scale and translation as the reference initialises their last biases (0.95; z 0.65), so the random hand
    # sits in front of the camera, with weights large enough that they still depend on the image.
    head.scale_reg[3].bias.data.fill_(0.95)
    head.trans_reg[3].bias.data = torch.tensor([0.0, 0.0, 0.65])
    for reg in (head.scale_reg, head.trans_reg):
        reg[3].weight.data *= 0.2


def tag_cuda():
    def tagger(obj):
        return 'cuda:0' if getattr(obj, 'device', None) is not None and obj.device.type == 'cpu' else None

    torch.serialization.register_package(0, tagger, lambda obj, location: None)


def read_images(paths):
    from PIL import Image
    out = []
    for p in paths:
        im = Image.open(p).convert('RGB')
        w, h = im.size
        s = min(w, h)
        im = im.crop(((w - s) // 2, (h - s) // 2, (w - s) // 2 + s, (h - s) // 2 + s)).resize((224, 224),
                                                                                            Image.BILINEAR)
        out.append(np.asarray(im, dtype=np.float32).transpose(2, 0, 1) / 255.0)
    return np.stack(out).astype(np.float32)


def main(argv):
    out_dir, mano_npz, seed, images = argv[0], argv[1], int(argv[2]), argv[3:]
    os.makedirs(out_dir, exist_ok=True)
    torch.set_num_threads(1)
    gen = torch.Generator().manual_seed(seed)
    encoder, decoder, texture = Encoder(), Decoder(), TextureLight()
    randomise([encoder, decoder, texture], gen)
    tame(encoder, decoder.hand_decode, gen)
    x = torch.from_numpy(read_images(images))
    calibrate(encoder, decoder, x, gen)
    for m in (encoder, decoder, texture):
        m.eval()
    # An optimizer state to carry, as the published files do; its step comes before the outputs are computed.
    params = list(encoder.parameters()) + list(decoder.parameters()) + list(texture.parameters())
    optimizer = torch.optim.Adam(params[:4], lr=1e-3)
    for p in params[:4]:
        p.grad = torch.ones_like(p)
    optimizer.step()
    mano = Mano(mano_npz)

    with torch.no_grad():
        features, low = encoder(x)
        pose, shape, trans, rot, scale = decoder.hand_decode(features)
        joints, verts = mano(pose, rot, scale, trans)
        textures, lights = texture(low)
    # The same weights, input and MANO data evaluated in float64: how far float32 arithmetic itself puts the outputs.
    # Two float32 implementations (this one, ambidex's libtorch) round differently on different processors; a test
    # may allow ambidex as far from these as the float32 outputs above are.
    encoder64, decoder64 = copy.deepcopy(encoder).double(), copy.deepcopy(decoder).double()
    with torch.no_grad():
        features64, _ = encoder64(x.double())
        pose64, _, trans64, rot64, scale64 = decoder64.hand_decode(features64)
        joints64, verts64 = Mano(mano_npz, torch.float64)(pose64, rot64, scale64, trans64)
    np.savez(os.path.join(out_dir, 'outputs64.npz'), joints=joints64.numpy(), vertices=verts64.numpy())
    np.save(os.path.join(out_dir, 'input.npy'), x.numpy())
    np.savez(os.path.join(out_dir, 'outputs.npz'), joints=joints.numpy(), vertices=verts.numpy(),
             pose=pose.numpy(), shape=shape.numpy(), trans=trans.numpy(), rot=rot.numpy(), scale=scale.numpy(),
             textures=textures.numpy(), lights=lights.numpy(), features=features.numpy())

    args = argparse.Namespace(regress_mode='mano', use_mean_shape=True, use_2d_as_attention=False,
                              renderer_mode='NR', texture_mode='surf', image_size=224, train_datasets=['FreiHand'],
                              train_requires=['heatmaps', 'joints', 'verts', 'textures', 'lights'],
                              losses=['tsa_poses', 'open_2dj', 'mscale'], init_lr=0.001, task='train')
    tag_cuda()
    torch.save({'args': args, 'optimizer': optimizer.state_dict(), 'epoch': 179, 'encoder': encoder.state_dict(),
                'decoder': decoder.state_dict(), 'texture_light_from_low': texture.state_dict()},
               os.path.join(out_dir, 'texturehand_test.t7'), _use_new_zipfile_serialization=False)


# ---------------------------------------------------------------- loss terms (SEED_SPEC.md F.3)
JOINT_WEIGHTS = [2, 1, 1, 1, 1.5, 1, 1, 1, 1.5, 1, 1, 1, 1.5, 1, 1, 1, 1.5, 1, 1, 1, 1.5]
PARENTS = [0, 1, 2, 3, 0, 5, 6, 7, 0, 9, 10, 11, 0, 13, 14, 15, 0, 17, 18, 19]  # of joints 1..20 (OpenPose)


def loss_keypoints(j2d, det, con):
    d = (j2d - det).pow(2).sum(2).sqrt()
    robust = torch.where(d < 5, d ** 2 / 10, d - 2.5)
    w = (con * torch.tensor(JOINT_WEIGHTS)) ** 2
    return 1e-3 * (robust * w).sum() / w.sum()


def loss_bones(j2d, det, con):
    def unit(j):
        v = j[:, 1:] - j[:, PARENTS]
        return v / (v.pow(2).sum(2, keepdim=True).sqrt() + 1e-4)
    c = con[:, PARENTS] * con[:, 1:]
    return 0.1 * ((unit(j2d) - unit(det)).pow(2).sum(2) * c).mean()


def loss_mscale(joints):
    return 0.1 * ((joints[:, 9] - joints[:, 10]).pow(2).sum(1).sqrt() - 0.0282).abs().mean()


def loss_shape(betas):
    return 1e-2 * betas.pow(2).mean()


def pose_limits():
    d = math.pi / 180
    lo, hi = [[3.13, -0.01, -0.01]], [[3.15, 0.01, 0.01]]
    for finger in range(4):  # index, middle, pinky, ring
        for level in range(3):
            lo.append([-(20 if finger == 2 and level == 0 else 5) * d, -(10 if level == 0 else 5) * d, -10 * d])
            hi.append([5 * d, (20 if finger == 2 else 10) * d if level == 0 else 5 * d, 100 * d])
    lo += [[0, -math.pi / 8, -math.pi / 8], [-5 * d, -5 * d, -math.pi / 8], [-5 * d, -5 * d, -20 * d]]
    hi += [[90 * d, 3 * math.pi / 16, math.pi / 8], [5 * d, 5 * d, math.pi / 8], [5 * d, 5 * d, 100 * d]]
    return torch.tensor(lo).float(), torch.tensor(hi).float()


def loss_pose(poses):
    lo, hi = pose_limits()
    out = torch.relu(poses - hi) + torch.relu(lo - poses)
    return 0.1 * (out * torch.tensor([1.0, 1.0, 2.0])).mean()


def loss_laplacian(verts, faces):
    """Cotangent Laplacian from the first mesh (constant), mean norm of L . v over the batch's vertices."""
    v0 = verts[0].detach()
    f = torch.from_numpy(faces.astype(np.int64))
    a, b, c = v0[f[:, 0]], v0[f[:, 1]], v0[f[:, 2]]
    l1, l2, l3 = (b - c).norm(dim=1), (c - a).norm(dim=1), (a - b).norm(dim=1)
    s = (l1 + l2 + l3) / 2
    area2 = 2 * (s * (s - l1) * (s - l2) * (s - l3)).sqrt()
    w = torch.stack([l2 ** 2 + l3 ** 2 - l1 ** 2, l1 ** 2 + l3 ** 2 - l2 ** 2, l1 ** 2 + l2 ** 2 - l3 ** 2], 1) / area2[:, None] / 4
    n = verts.shape[1]
    lap = torch.zeros(n, n)
    for k, (i, j) in enumerate(((1, 2), (2, 0), (0, 1))):
        lap.index_put_((f[:, i], f[:, j]), w[:, k], accumulate=True)
    lap = lap + lap.t()
    lap = lap - torch.diag(lap.sum(1))
    return 0.1 * (lap @ verts).norm(dim=2).mean()


def rendered_terms(re_img, re_sil, imgs, textures, con, idxs):
    """texture, mrgb and mtex from a given rendering, as S2HAND's loss_func (texture confidence from the keypoint
    confidences and the image index; the photo masked where the silhouette is above zero; mtex with each sample's
    statistics broadcast over the whole batch by view(-1, 1, 1, 1, 1, 3))."""
    b = re_img.shape[0]
    texture_con = torch.mean((torch.min(con, 1)[0] > 0.1).float().unsqueeze(1) * con, 1) \
        * ((idxs < 32560).float() + 0.1)
    mask_rgbs = imgs * (re_sil > 0).float().unsqueeze(1).repeat(1, 3, 1, 1)
    tc = texture_con.view(-1, 1, 1, 1).repeat(1, re_img.shape[1], re_img.shape[2], re_img.shape[3])
    texture = 5e-3 * torch.sum(torch.abs(re_img - mask_rgbs) * tc ** 2) / torch.sum(tc ** 2)
    mrgb = 1e-3 * torch.sum(torch.abs(re_img.view(b, -1).mean(1) - mask_rgbs.view(b, -1).mean(1))
                            * texture_con ** 2) / torch.sum(texture_con ** 2)
    flat = textures.view(b, -1, 3)
    std = torch.std(flat, dim=1).view(-1, 1, 1, 1, 1, 3)
    mean = torch.mean(flat, dim=1).view(-1, 1, 1, 1, 1, 3)
    reg = (torch.where(textures > mean + 2 * std, textures - mean, torch.zeros_like(textures))
           + torch.where(textures < mean - 2 * std, -textures + mean, torch.zeros_like(textures))).squeeze()
    reg = torch.sum(torch.mean(torch.mean(torch.mean(reg, 1), 1), 1) * (texture_con * 2)) / torch.sum(texture_con ** 2)
    return {'texture': texture, 'mrgb': mrgb, 'mtex': 5e-3 * reg}, texture_con, mask_rgbs


def losses(argv):
    """losses OUT_DIR MANO_NPZ SEED: a fixed random batch of 4 and the five terms, in losses.npz."""
    out_dir, mano_npz, seed = argv[0], argv[1], int(argv[2])
    os.makedirs(out_dir, exist_ok=True)
    gen = torch.Generator().manual_seed(seed)
    b = 4
    j2d = 40 + 150 * torch.rand(b, 21, 2, generator=gen)
    det = j2d + torch.randn(b, 21, 2, generator=gen) * 6
    con = torch.rand(b, 21, generator=gen)
    joints = torch.randn(b, 21, 3, generator=gen) * 0.03 + torch.tensor([0.0, 0.0, 0.6])
    betas = torch.randn(b, 10, generator=gen)
    coeffs = torch.randn(b, 30, generator=gen) * 0.8
    mano = Mano(mano_npz)
    fingers = (mano.mean + coeffs @ mano.components).view(b, 15, 3)
    poses = torch.cat([torch.tensor([math.pi, 0.0, 0.0]).float().view(1, 1, 3).expand(b, 1, 3), fingers], 1)
    # The Laplacian needs a well-formed surface (the MANO fixture's random vertices make slivers): a 12 x 12 grid on
    # a randomly bent sheet, its two triangles per cell turned consistently.
    n = 12
    u, v = torch.meshgrid(torch.linspace(0, 0.1, n), torch.linspace(0, 0.1, n), indexing='ij')
    bend = torch.randn(b, 4, generator=gen)
    verts = torch.stack([u.expand(b, n, n) + 0.01 * bend[:, 0, None, None] * torch.sin(30 * v),
                         v.expand(b, n, n) + 0.01 * bend[:, 1, None, None] * torch.cos(20 * u),
                         0.6 + 0.02 * bend[:, 2, None, None] * torch.sin(40 * u + 10 * bend[:, 3, None, None] * v)],
                        3).reshape(b, n * n, 3)
    faces = np.array([[i * n + j, (i + 1) * n + j, i * n + j + 1] for i in range(n - 1) for j in range(n - 1)]
                     + [[(i + 1) * n + j, (i + 1) * n + j + 1, i * n + j + 1] for i in range(n - 1) for j in range(n - 1)])
    terms = {'open_2dj': loss_keypoints(j2d, det, con), 'open_bone_direc': loss_bones(j2d, det, con),
             'mscale': loss_mscale(joints), 'mshape': loss_shape(betas), 'tsa_poses': loss_pose(poses),
             'triangle': loss_laplacian(verts, faces)}
    # The rendered terms from a given rendering: a white-background image, its silhouette (partly zero), a photo,
    # face colours, confidences above 0.1 for three samples (the fourth has one below), one re-coloured copy's index.
    side = 24
    sil = (torch.rand(b, side, side, generator=gen) > 0.6).float() * torch.rand(b, side, side, generator=gen)
    re_img = torch.where(sil.unsqueeze(1) > 0, torch.rand(b, 3, side, side, generator=gen), torch.ones(b, 3, side, side))
    imgs = torch.rand(b, 3, side, side, generator=gen)
    textures = torch.randn(b, 1538, 3, generator=gen) * 0.3 + torch.tensor([0.78, 0.59, 0.59])
    tcon = 0.1 + 0.9 * torch.rand(b, 21, generator=gen)
    tcon[3, 5] = 0.05
    idxs = torch.tensor([3, 40000, 17, 5])
    rendered, texture_con, mask_rgbs = rendered_terms(re_img, sil, imgs, textures, tcon, idxs)
    terms.update(rendered)
    np.savez(os.path.join(out_dir, 'losses.npz'), j2d=j2d.numpy(), det=det.numpy(), con=con.numpy(),
             re_img=re_img.numpy(), sil=sil.numpy(), imgs=imgs.numpy(), textures=textures.numpy(),
             tcon=tcon.numpy(), idxs=idxs.numpy().astype(np.int32), texture_con=texture_con.numpy(),
             mask_rgbs=mask_rgbs.numpy(),
             joints=joints.numpy(), betas=betas.numpy(), coeffs=coeffs.numpy(), poses=poses.numpy(),
             verts=verts.numpy(), faces=faces.astype(np.int32),
             **{k: np.array([v.item()], dtype=np.float64) for k, v in terms.items()})


def load(argv):
    """load CHECKPOINT: the file's parts into this script's modules, strictly (every name and shape), as the
    reference's loader loads each part it finds; fails unless it has 'epoch' and all three parts ('rgb2hm', the
    heat-map branch, is loaded too when present)."""
    saved = torch.load(argv[0], map_location='cpu')
    missing = [k for k in ('epoch', 'encoder', 'decoder', 'texture_light_from_low') if k not in saved]
    if missing:
        raise SystemExit('%s lacks %s' % (argv[0], missing))
    Encoder().load_state_dict(saved['encoder'])
    Decoder().load_state_dict(saved['decoder'])
    TextureLight().load_state_dict(saved['texture_light_from_low'])
    if 'rgb2hm' in saved:
        import s2hand_heatmap_reference
        s2hand_heatmap_reference.HeatmapBranch().load_state_dict(saved['rgb2hm'])


if __name__ == '__main__':
    if sys.argv[1] == 'losses':
        losses(sys.argv[2:])
    elif sys.argv[1] == 'load':
        load(sys.argv[2:])
    else:
        main(sys.argv[1:])
