#!/usr/bin/python3
"""Reference outputs of DIR (Ren et al., ICCV 2023) from PyTorch, for ambidex's tests.

A test-data generator, not part of ambidex, written from the facts in SEED_PORTS.md section 3 (it imports nothing
from the DIR repository): ResNet-50 with torchvision's names and its unused classifier, the attention-pooled
initial regressor, manopth's layer with a robust 6-D root rotation and 45 PCA coefficients (metres, wrist-centred,
left middle tip vertex 445), and the two decoder stages (bilinear up-sampling, pre-activation residual blocks,
grid_sample joint features, per-node graph convolutions with learned adjacency, the transformer whose first
block is skipped, the regressor with its offset head, bone rasterisation and fusion), plus the seg/dense heads.
Module and buffer names are those of DIR's state dict, so a checkpoint written here has the published layout
({'net': state_dict, 'optimizer', 'schedule', 'last_epoch'}, no prefix, MANO buffers of six layers inside).

Weights, batch-norm statistics and the MANO buffers are random (seeded): nothing here is a published asset.

  /usr/bin/python3 dir_reference.py net OUT_DIR BASE FEAT EMB JOINT SEED IMAGE X,Y,W,H
      OUT_DIR/DIR.pth, OUT_DIR/input.npy (1,3,256,256) and OUT_DIR/outputs.npz. BASE is the ResNet width (64 in
      DIR), FEAT the decoder's feature channels (256), EMB the joint embedding (128), JOINT the joint feature (64).
      The input is DIR's crop of IMAGE about the box (IntagHand's cut_img: square of side max(w, h) / 0.8 about the
      box centre, cv2.warpAffine of the uint8 image to 256 x 256, BGR to RGB, /255, ImageNet normalisation).
  /usr/bin/python3 dir_reference.py loss OUT_DIR BASE FEAT EMB JOINT SEED
      OUT_DIR/DIR.pth (weights before the step), input.npy (2,3,256,256), targets.npz and losses.npz: every loss
      term of DIR's training forward (training mode: batch statistics) on a random batch.
"""
import math
import os
import sys

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

# ---------------------------------------------------------------- ResNet (torchvision names, fc kept)


class Bottleneck(nn.Module):
    def __init__(self, inplanes, planes, stride, downsample):
        super().__init__()
        self.conv1 = nn.Conv2d(inplanes, planes, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(planes)
        self.conv2 = nn.Conv2d(planes, planes, 3, stride, 1, bias=False)
        self.bn2 = nn.BatchNorm2d(planes)
        self.conv3 = nn.Conv2d(planes, planes * 4, 1, bias=False)
        self.bn3 = nn.BatchNorm2d(planes * 4)
        self.downsample = downsample

    def forward(self, x):
        out = F.relu(self.bn1(self.conv1(x)))
        out = F.relu(self.bn2(self.conv2(out)))
        out = self.bn3(self.conv3(out))
        return F.relu(out + (x if self.downsample is None else self.downsample(x)))


class ResNet50(nn.Module):
    def __init__(self, base):
        super().__init__()
        self.conv1 = nn.Conv2d(3, base, 7, 2, 3, bias=False)
        self.bn1 = nn.BatchNorm2d(base)
        self.inplanes = base
        for i, n in enumerate([3, 4, 6, 3]):
            setattr(self, 'layer%d' % (i + 1), self._layer(base << i, n, 1 if i == 0 else 2))
        self.fc = nn.Linear(self.inplanes, 1000)

    def _layer(self, planes, n, stride):
        down = None
        if stride != 1 or self.inplanes != planes * 4:
            down = nn.Sequential(nn.Conv2d(self.inplanes, planes * 4, 1, stride, bias=False),
                                 nn.BatchNorm2d(planes * 4))
        layers = [Bottleneck(self.inplanes, planes, stride, down)]
        self.inplanes = planes * 4
        layers += [Bottleneck(self.inplanes, planes, 1, None) for _ in range(1, n)]
        return nn.Sequential(*layers)

    def forward(self, x):
        x = F.max_pool2d(F.relu(self.bn1(self.conv1(x))), 3, 2, 1)
        c1 = self.layer1(x)
        c2 = self.layer2(c1)
        c3 = self.layer3(c2)
        return [c1, c2, c3, self.layer4(c3)]


# ---------------------------------------------------------------- manopth, as DIR configures it

def unit(v):
    return v / torch.clamp(v.norm(dim=1, keepdim=True), min=1e-8)


def robust_rotation(six):
    """Both predicted directions weigh equally: x, y symmetric about their bisector; columns (x, y, x cross y)."""
    a, b = unit(six[:, :3]), unit(six[:, 3:6])
    mid, orth = unit(a + b), unit(a - b)
    x, y = unit(mid + orth), unit(mid - orth)
    z = unit(torch.cross(x, y, dim=1))
    return torch.stack([x, y, z], 2)


def quaternion_rodrigues(aa):
    """manopth's batch_rodrigues: half-angle quaternion from |aa + 1e-8|, then the quaternion's matrix."""
    angle = (aa + 1e-8).norm(dim=1, keepdim=True)
    q = torch.cat([torch.cos(angle / 2), torch.sin(angle / 2) * aa / angle], 1)
    q = q / q.norm(dim=1, keepdim=True)
    w, x, y, z = q[:, 0], q[:, 1], q[:, 2], q[:, 3]
    return torch.stack([w * w + x * x - y * y - z * z, 2 * x * y - 2 * w * z, 2 * w * y + 2 * x * z,
                        2 * w * z + 2 * x * y, w * w - x * x + y * y - z * z, 2 * y * z - 2 * w * x,
                        2 * x * z - 2 * w * y, 2 * w * x + 2 * y * z, w * w - x * x - y * y + z * z], 1).view(-1, 3, 3)


def homogeneous(m34):
    bottom = m34.new_tensor([0., 0., 0., 1.]).view(1, 1, 4).expand(m34.shape[0], 1, 4)
    return torch.cat([m34, bottom], 1)


class Mano(nn.Module):
    """The ten manopth buffers; forward(pose (B,51), betas (B,10)) -> vertices (B,778,3), joints (B,21,3)."""
    TIPS = {'right': [745, 317, 444, 556, 673], 'left': [745, 317, 445, 556, 673]}
    TO_OPENPOSE = [0, 13, 14, 15, 16, 1, 2, 3, 17, 4, 5, 6, 18, 10, 11, 12, 19, 7, 8, 9, 20]

    def __init__(self, side, data):
        super().__init__()
        self.side = side
        for k in ['betas', 'shapedirs', 'posedirs', 'v_template', 'J_regressor', 'weights', 'faces', 'hands_mean',
                  'comps', 'selected_comps']:
            self.register_buffer('th_' + k, data[k].clone())

    def forward(self, pose, betas):
        b = pose.shape[0]
        fingers = self.th_hands_mean + pose[:, 6:51].mm(self.th_selected_comps)
        rots = quaternion_rodrigues(fingers.reshape(-1, 3)).view(b, 15, 3, 3)
        pose_map = (rots - torch.eye(3)).view(b, 135)
        root_rot = robust_rotation(pose[:, :6])
        v_shaped = torch.matmul(self.th_shapedirs, betas.t()).permute(2, 0, 1) + self.th_v_template
        j = torch.matmul(self.th_J_regressor, v_shaped)
        v_posed = v_shaped + torch.matmul(self.th_posedirs, pose_map.t()).permute(2, 0, 1)
        root_j = j[:, 0].reshape(b, 3, 1)
        root = homogeneous(torch.cat([root_rot, root_j], 2))
        parent = root.unsqueeze(1).repeat(1, 5, 1, 1).reshape(b * 5, 4, 4)
        transforms = [root.unsqueeze(1)]
        previous_j = root_j.transpose(1, 2)
        for level in range(3):
            idx = [1 + level + 3 * f for f in range(5)]
            rel = torch.cat([rots[:, [i - 1 for i in idx]], (j[:, idx] - previous_j).unsqueeze(3)], 3)
            parent = torch.matmul(parent, homogeneous(rel.reshape(-1, 3, 4)))
            transforms.append(parent.view(b, 5, 4, 4))
            previous_j = j[:, idx]
        order = [0, 1, 6, 11, 2, 7, 12, 3, 8, 13, 4, 9, 14, 5, 10, 15]
        results = torch.cat(transforms, 1)[:, order]
        jh = torch.cat([j, j.new_zeros(b, 16, 1)], 2)
        moved = torch.matmul(results, jh.unsqueeze(3))
        skinning = (results - torch.cat([moved.new_zeros(b, 16, 4, 3), moved], 3)).permute(0, 2, 3, 1)
        t = torch.matmul(skinning, self.th_weights.t())
        rest = torch.cat([v_posed.transpose(2, 1), torch.ones(b, 1, v_posed.shape[1])], 1)
        verts = (t * rest.unsqueeze(1)).sum(2).transpose(2, 1)[:, :, :3]
        joints = torch.cat([results[:, :, :3, 3], verts[:, self.TIPS[self.side]]], 1)[:, self.TO_OPENPOSE]
        centre = joints[:, :1]
        return verts - centre, joints - centre


def project(para, xyz):
    return para[:, :1].unsqueeze(-1) * xyz[..., :2] + para[:, 1:3].unsqueeze(1)


# ---------------------------------------------------------------- DIR's modules

class Conv(nn.Module):
    def __init__(self, cin, cout, k):
        super().__init__()
        self.conv = nn.Conv2d(cin, cout, k, 1, (k - 1) // 2, bias=True)

    def forward(self, x):
        return self.conv(x)


class Residual(nn.Module):
    """Pre-activation bottleneck (BN-ReLU-Conv x3); the 1x1 skip convolution exists always, used when dims differ."""

    def __init__(self, cin, cout):
        super().__init__()
        self.bn1 = nn.BatchNorm2d(cin)
        self.conv1 = Conv(cin, cout // 2, 1)
        self.bn2 = nn.BatchNorm2d(cout // 2)
        self.conv2 = Conv(cout // 2, cout // 2, 3)
        self.bn3 = nn.BatchNorm2d(cout // 2)
        self.conv3 = Conv(cout // 2, cout, 1)
        self.skip_layer = Conv(cin, cout, 1)
        self.need_skip = cin != cout

    def forward(self, x):
        residual = self.skip_layer(x) if self.need_skip else x
        out = self.conv1(F.relu(self.bn1(x)))
        out = self.conv2(F.relu(self.bn2(out)))
        return self.conv3(F.relu(self.bn3(out))) + residual


def conv_bn_relu_conv_1d(cin, c):
    return nn.Sequential(nn.Conv1d(cin, c, 1), nn.BatchNorm1d(c), nn.ReLU(), nn.Conv1d(c, c, 1))


BONES = [(0, 1), (1, 2), (2, 3), (3, 4), (0, 5), (5, 6), (6, 7), (7, 8), (0, 9), (9, 10), (10, 11), (11, 12),
         (0, 13), (13, 14), (14, 15), (15, 16), (0, 17), (17, 18), (18, 19), (19, 20)]


def neighbours():
    m = torch.zeros(21, 21, dtype=torch.bool)
    for a, c in BONES:
        m[a, c] = m[c, a] = True
    return m


class PGraphConv(nn.Module):
    def __init__(self, cin, cout):
        super().__init__()
        self.mask_1 = neighbours()
        self.W = nn.Parameter(torch.zeros(2, 21, cin, cout))
        self.e_0 = nn.Parameter(torch.ones(1, 21))
        self.e_1 = nn.Parameter(torch.ones(1, int(self.mask_1.sum())))
        self.bias = nn.Parameter(torch.zeros(cout))

    def forward(self, x):
        h0 = torch.matmul(x.unsqueeze(-2), self.W[0]).squeeze(-2)
        h1 = torch.matmul(x.unsqueeze(-2), self.W[1]).squeeze(-2)
        a0 = torch.full((21, 21), -9e15)
        a0[torch.eye(21, dtype=torch.bool)] = self.e_0
        a1 = torch.full((21, 21), -9e15)
        a1[self.mask_1] = self.e_1  # row-major order of the neighbour mask
        return torch.matmul(F.softmax(a0, 1), h0) + torch.matmul(F.softmax(a1, 1), h1) + self.bias.view(1, 1, -1)


class GraphLayer(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.gconv = PGraphConv(c, c)
        self.bn = nn.BatchNorm1d(c)

    def forward(self, x):
        return F.relu(self.bn(self.gconv(x).transpose(1, 2)).transpose(1, 2))


class GraphStack(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.gconv_layers = nn.Sequential(*[GraphLayer(c) for _ in range(4)])

    def forward(self, x):
        return self.gconv_layers(x)


class Attention(nn.Module):
    def __init__(self, dim, heads):
        super().__init__()
        self.heads = heads
        self.qkv = nn.Linear(dim, dim * 3, bias=True)
        self.proj = nn.Linear(dim, dim)

    def forward(self, x):
        b, n, c = x.shape
        qkv = self.qkv(x).reshape(b, n, 3, self.heads, c // self.heads).permute(2, 0, 3, 1, 4)
        attn = (qkv[0] @ qkv[1].transpose(-2, -1)) * (c // self.heads) ** -0.5
        return self.proj((attn.softmax(-1) @ qkv[2]).transpose(1, 2).reshape(b, n, c))


class Mlp(nn.Module):
    def __init__(self, dim, hidden):
        super().__init__()
        self.fc1 = nn.Linear(dim, hidden)
        self.fc2 = nn.Linear(hidden, dim)

    def forward(self, x):
        return self.fc2(F.gelu(self.fc1(x)))


class Block(nn.Module):
    def __init__(self, dim):
        super().__init__()
        self.norm1 = nn.LayerNorm(dim, eps=1e-6)
        self.attn = Attention(dim, 4)
        self.norm2 = nn.LayerNorm(dim, eps=1e-6)
        self.mlp = Mlp(dim, dim * 2)

    def forward(self, x):
        x = x + self.attn(self.norm1(x))
        return x + self.mlp(self.norm2(x))


class STE(nn.Module):
    def __init__(self, tokens, dim, out, depth=4):
        super().__init__()
        self.spatial_pos_embed = nn.Parameter(torch.zeros(1, tokens, dim))
        self.STEblocks = nn.ModuleList([Block(dim) for _ in range(depth)])
        self.spatial_norm = nn.LayerNorm(dim, eps=1e-6)
        self.head = nn.Sequential(nn.LayerNorm(dim), nn.Linear(dim, out))

    def forward(self, x):
        x = x + self.spatial_pos_embed
        for block in list(self.STEblocks)[1:]:  # DIR runs blocks 1..depth-1; block 0 has weights but no use
            x = self.spatial_norm(block(x))
        return self.head(x)


class Regressor(nn.Module):
    """RegressorOffset: per hand Linear(21*J + 64 -> 64) on [joint features, previous parameters]."""

    def __init__(self, feat, mano):
        super().__init__()
        self.mano_layer_right = Mano('right', mano['right'])
        self.mano_layer_left = Mano('left', mano['left'])
        self.mano_left = nn.Linear(feat + 64, 64)
        self.mano_right = nn.Linear(feat + 64, 64)
        self.offset = nn.Linear(feat * 2 + 3, 3)

    def forward(self, fl, fr, para_l, para_r, offset):
        b = fl.shape[0]
        fl, fr = fl.reshape(b, -1), fr.reshape(b, -1)
        out = {'pd_offset': self.offset(torch.cat([fl, fr, offset.squeeze(1)], -1))}
        for side, f, p, layer, lin in (('left', fl, para_l, self.mano_layer_left, self.mano_left),
                                       ('right', fr, para_r, self.mano_layer_right, self.mano_right)):
            para = lin(torch.cat([f, p], -1))
            decode(out, side, para, layer)
        return out


def decode(out, side, para, layer):
    verts, joints = layer(para[:, :51], para[:, 51:61])
    proj = para[:, 61:64]
    out.update({'pd_mano_para_' + side: para, 'pd_proj_' + side: proj, 'pd_mesh_xyz_' + side: verts,
                'pd_joint_xyz_' + side: joints, 'pd_joint_uv_' + side: project(proj, joints),
                'pd_mesh_uv_' + side: project(proj, verts)})


class ImgToJoint(nn.Module):
    def __init__(self, cin, c):
        super().__init__()
        self.filters = conv_bn_relu_conv_1d(cin, c)

    def forward(self, feat, uv):
        return self.filters(F.grid_sample(feat, uv.unsqueeze(1), align_corners=False).squeeze(-2))


class Joint2BoneFeature(nn.Module):
    PARENT = [0, 1, 2, 3, 0, 5, 6, 7, 0, 9, 10, 11, 0, 13, 14, 15, 0, 17, 18, 19]
    CHILD = list(range(1, 21))

    def __init__(self, feat, emb, joint, size, distance, mano):
        super().__init__()
        self.gcn_left = GraphStack(emb)
        self.gcn_right = GraphStack(emb)
        self.img2joint_left = ImgToJoint(feat, emb)
        self.img2joint_right = ImgToJoint(feat, emb)
        self.pos_emb_left = conv_bn_relu_conv_1d(3, emb)
        self.pos_emb_right = conv_bn_relu_conv_1d(3, emb)
        self.global_pos_emb = conv_bn_relu_conv_1d(3, emb)
        self.interaction = STE(42, emb, joint)
        self.proj_feat_emb = conv_bn_relu_conv_1d(joint, joint)
        self.fusion = nn.Sequential(nn.Conv2d(joint * 40, feat, 3, 1, 1), nn.BatchNorm2d(feat), nn.ReLU(),
                                    nn.Conv2d(feat, feat, 1))
        self.regressor = Regressor(21 * joint, mano)
        centres = torch.arange(size) + 0.5
        gx, gy = torch.meshgrid(centres, centres, indexing='ij')
        self.register_buffer('img_gird', torch.stack((gy, gx), -1).reshape(size * size, 2))
        self.size, self.distance = size, distance

    def forward(self, feat, xyz_l, xyz_r, uv_l, uv_r, para_l, para_r, offset):
        b = xyz_l.shape[0]
        fl = self.img2joint_left(feat, uv_l).transpose(1, 2) + self.pos_emb_left(xyz_l.transpose(1, 2) / 0.15).transpose(1, 2)
        fr = self.img2joint_right(feat, uv_r).transpose(1, 2) + self.pos_emb_right(xyz_r.transpose(1, 2) / 0.15).transpose(1, 2)
        fl = self.gcn_left(fl) + self.global_pos_emb((xyz_l / 0.15 - offset / 2).transpose(1, 2)).transpose(1, 2)
        fr = self.gcn_right(fr) + self.global_pos_emb((xyz_r / 0.15 + offset / 2).transpose(1, 2)).transpose(1, 2)
        f = self.interaction(torch.cat([fl, fr], 1))
        fl, fr = f[:, :21], f[:, 21:]
        out = self.regressor(fl, fr, para_l, para_r, offset)
        fl = self.proj_feat_emb(fl.transpose(1, 2)).transpose(1, 2)
        fr = self.proj_feat_emb(fr.transpose(1, 2)).transpose(1, 2)
        maps = torch.cat([self.bones(out['pd_joint_uv_left'], fl), self.bones(out['pd_joint_uv_right'], fr)], 1)
        return out, self.fusion(maps)

    def bones(self, uv, feat):
        """Per cell centre and bone: the features of the bone's ends, weighted by nearness, where the cell lies
        within `distance` cells of the segment; zero elsewhere. (B, 20*C, S, S)."""
        b, _, c = feat.shape
        s = self.size
        uv = (uv + 1) / 2 * s
        a = uv[:, self.PARENT].reshape(b, 1, 20, 2).expand(b, s * s, 20, 2).reshape(-1, 2)
        e = uv[:, self.CHILD].reshape(b, 1, 20, 2).expand(b, s * s, 20, 2).reshape(-1, 2)
        p = self.img_gird.reshape(1, s * s, 1, 2).expand(b, s * s, 20, 2).reshape(-1, 2)
        d = e - a
        d = d / torch.hypot(d[:, 0], d[:, 1]).reshape(-1, 1)
        along_a = ((a - p) * d).sum(1)
        along_b = ((p - e) * d).sum(1)
        h = torch.maximum(torch.maximum(along_a, along_b), torch.zeros(along_a.shape[0]))
        pa = p - a
        across = pa[:, 0] * d[:, 1] - pa[:, 1] * d[:, 0]
        near = torch.hypot(h, across).reshape(b, s * s, 20, 1) < self.distance
        da = F.pairwise_distance(p, a, p=2)
        db = F.pairwise_distance(p, e, p=2)
        wa = (1 - da / (da + db)).reshape(b, -1, 20, 1)
        wb = (1 - db / (da + db)).reshape(b, -1, 20, 1)
        fa = feat[:, self.PARENT].reshape(b, 1, 20, c)
        fb = feat[:, self.CHILD].reshape(b, 1, 20, c)
        f = torch.where(near, fa * wa + fb * wb, torch.zeros(1))
        return f.reshape(b, s, s, 20 * c).permute(0, 3, 1, 2)


class InitRegressor(nn.Module):
    def __init__(self, c, mano):
        super().__init__()
        self.mano_layer_right = Mano('right', mano['right'])
        self.mano_layer_left = Mano('left', mano['left'])
        for side in ('left', 'right'):
            setattr(self, 'attention_' + side, nn.Sequential(nn.Conv2d(c, c // 2, 3, 1, 1), nn.BatchNorm2d(c // 2),
                                                             nn.ReLU(), nn.Conv2d(c // 2, 1, 1, 1), nn.Sigmoid()))
        self.offset = nn.Linear(c, 3)
        self.mano_left = nn.Linear(c, 64)
        self.mano_right = nn.Linear(c, 64)

    def forward(self, feat):
        out = {'pd_offset': self.offset(feat.mean(-1).mean(-1))}
        for side in ('left', 'right'):
            a = getattr(self, 'attention_' + side)(feat)
            pooled = (feat * a).sum(-1).sum(-1) / (a.sum(-1).sum(-1) + 1e-8)
            decode(out, side, getattr(self, 'mano_' + side)(pooled), getattr(self, 'mano_layer_' + side))
        return out


class Decoder(nn.Module):
    def __init__(self, c4, feat, emb, joint, mano):
        super().__init__()
        self.skip_layer4 = Residual(c4 // 2, feat)
        self.fusion_layer4 = Residual(c4 + feat, feat)
        self.projecter_4 = Joint2BoneFeature(feat, emb, joint, 16, 1, mano)
        self.enhance_layer4 = Residual(feat * 2, feat)
        self.skip_layer3 = Residual(c4 // 4, feat)
        self.fusion_layer3 = Residual(feat * 2, feat)
        self.projecter_3 = Joint2BoneFeature(feat, emb, joint, 32, 2, mano)
        self.enhance_layer3 = Residual(feat * 2, feat)
        self.conv_final = nn.Sequential(nn.Conv2d(feat, feat, 3, 1, 1, bias=False), nn.BatchNorm2d(feat), nn.ReLU(),
                                        nn.Conv2d(feat, feat, 1, 1))
        for name in ('seg', 'dense'):
            setattr(self, name, nn.Sequential(nn.Conv2d(feat, feat // 2, 3, 1, 1), nn.BatchNorm2d(feat // 2),
                                              nn.ReLU(), nn.Conv2d(feat // 2, 3, 1, 1)))

    def forward(self, c, prev):
        results = []
        x = c[3]
        for level, skip, fuse, proj, enhance in ((c[2], self.skip_layer4, self.fusion_layer4, self.projecter_4,
                                                  self.enhance_layer4),
                                                 (c[1], self.skip_layer3, self.fusion_layer3, self.projecter_3,
                                                  self.enhance_layer3)):
            up = F.interpolate(x, scale_factor=2, mode='bilinear', align_corners=False)
            fused = fuse(torch.cat([up, skip(level)], 1))
            prev, img = proj(fused, prev['pd_joint_xyz_left'], prev['pd_joint_xyz_right'], prev['pd_joint_uv_left'],
                             prev['pd_joint_uv_right'], prev['pd_mano_para_left'], prev['pd_mano_para_right'],
                             prev['pd_offset'].unsqueeze(1))
            x = enhance(torch.cat([fused, img], 1))
            results.append(prev)
        feat = self.conv_final(x)
        return results, self.seg(feat), self.dense(feat)


class DIR(nn.Module):
    def __init__(self, base, feat, emb, joint, mano):
        super().__init__()
        self.backbone = ResNet50(base)
        c4 = self.backbone.inplanes
        self.init_regressor = InitRegressor(c4, mano)
        self.decoder = Decoder(c4, feat, emb, joint, mano)
        self.seg_loss = nn.CrossEntropyLoss(weight=torch.tensor([.1, .45, .45]))  # a buffer in the state dict

    def forward(self, x):
        c = self.backbone(x)
        first = self.init_regressor(c[3])
        results, seg, dense = self.decoder(c, first)
        return [first] + results, seg, dense


# ---------------------------------------------------------------- random assets and weights

def random_mano(gen, side):
    """MANO-shaped buffers with plausible magnitudes (metres): nothing from the real model."""
    r = lambda *s: torch.randn(*s, generator=gen)
    v = 778
    template = r(1, v, 3) * 0.03
    regressor = torch.rand(16, v, generator=gen) * (torch.rand(16, v, generator=gen) < 0.02)
    regressor[:, 0] += 1e-3
    regressor = regressor / regressor.sum(1, keepdim=True)
    weights = torch.softmax(r(v, 16) * 3, 1)
    comps = r(45, 45) * 0.3
    return {'betas': torch.zeros(1, 10), 'shapedirs': r(v, 3, 10) * 0.005, 'posedirs': r(v, 3, 135) * 0.002,
            'v_template': template, 'J_regressor': regressor, 'weights': weights,
            # three distinct vertices per face, as MANO's (a repeated vertex makes the normal loss depend on rounding)
            'faces': torch.rand(1538, v, generator=gen).argsort(1)[:, :3].contiguous(), 'hands_mean': r(1, 45) * 0.2,
            'comps': comps, 'selected_comps': comps.clone()}


def randomise(model, gen):
    regressors = []
    for m in model.modules():
        if isinstance(m, (nn.BatchNorm1d, nn.BatchNorm2d)):
            n = m.num_features
            m.weight.data = torch.rand(n, generator=gen) + 0.5
            m.bias.data = torch.rand(n, generator=gen) * 0.2 - 0.1
            m.running_mean.data = torch.rand(n, generator=gen) * 0.2 - 0.1
            m.running_var.data = torch.rand(n, generator=gen) + 0.5
            m.num_batches_tracked.fill_(int(torch.randint(1, 1000, (1,), generator=gen)))
        elif isinstance(m, nn.LayerNorm):
            m.weight.data = torch.rand(m.weight.shape, generator=gen) + 0.5
            m.bias.data = torch.rand(m.bias.shape, generator=gen) * 0.2 - 0.1
        elif isinstance(m, PGraphConv):
            fan = m.W.shape[2] + m.W.shape[3]
            m.W.data = torch.randn(m.W.shape, generator=gen) * math.sqrt(2.0 / fan)
            m.e_0.data = torch.randn(m.e_0.shape, generator=gen)
            m.e_1.data = torch.randn(m.e_1.shape, generator=gen)
            m.bias.data = torch.rand(m.bias.shape, generator=gen) * 0.2 - 0.1
        elif isinstance(m, STE):
            m.spatial_pos_embed.data = torch.randn(m.spatial_pos_embed.shape, generator=gen) * 0.1
        elif isinstance(m, (InitRegressor, Regressor)):
            # small pose/shape outputs so the random hands stay hand-like; projection scale near 1
            regressors.append(m)
        if isinstance(m, (nn.Conv1d, nn.Conv2d, nn.Linear)) and m.bias is not None:
            m.bias.data = torch.rand(m.bias.shape, generator=gen) * 0.2 - 0.1
    for m in regressors:
        # small pose/shape outputs so the random hands stay hand-like; a projection scale of about 8 (a 0.1 m hand
        # spans 0.8 of the crop's [-1, 1] range, as in DIR's training data)
        for lin in (m.mano_left, m.mano_right):
            lin.weight.data *= 0.3
            lin.bias.data[61] += 8


def crop(path, box):
    """IntagHand's cut_img about a box (ratio 0.8) on the uint8 image, then DIR's input normalisation."""
    import cv2
    img = cv2.imread(path, cv2.IMREAD_COLOR)
    x, y, w, h = box
    mid = np.array([x + w / 2, y + h / 2])
    half = max(w, h) / 2 / 0.8
    m = 256 / 2 / half * np.array([[1, 0, half - mid[0]], [0, 1, half - mid[1]]])
    patch = cv2.warpAffine(img, m, dsize=(256, 256))
    t = torch.tensor(cv2.cvtColor(patch, cv2.COLOR_BGR2RGB), dtype=torch.float32) / 255.0
    t = t.permute(2, 0, 1)
    mean = torch.tensor([0.485, 0.456, 0.406]).view(3, 1, 1)
    std = torch.tensor([0.229, 0.224, 0.225]).view(3, 1, 1)
    return ((t - mean) / std)[None], m


def build(base, feat, emb, joint, seed):
    torch.manual_seed(seed)
    gen = torch.Generator().manual_seed(seed)
    mano = {'right': random_mano(gen, 'right'), 'left': random_mano(gen, 'left')}
    model = DIR(base, feat, emb, joint, mano)
    randomise(model, gen)
    return model.eval()


def net(out, base, feat, emb, joint, seed, image, box):
    torch.set_num_threads(1)
    model = build(base, feat, emb, joint, seed)
    x, m = crop(image, box)
    with torch.no_grad():
        stages, seg, dense = model(x)
    os.makedirs(out, exist_ok=True)
    sd = model.state_dict()
    # The published file's layout, storages tagged 'cuda:0' as a GPU-trained file's are (torch.load needs
    # map_location='cpu' for it without a GPU, as DIR's evaluation passes).
    torch.serialization.location_tag = lambda storage: 'cuda:0'
    torch.save({'net': sd, 'optimizer': {'state': {}, 'param_groups': []}, 'schedule': {'last_epoch': 3},
                'last_epoch': 3}, os.path.join(out, 'DIR.pth'))
    np.save(os.path.join(out, 'input.npy'), x.numpy().astype(np.float32))
    res = {'crop': m}
    for i, s in enumerate(stages):
        for k in ('pd_mesh_xyz_left', 'pd_mesh_xyz_right', 'pd_joint_xyz_left', 'pd_joint_xyz_right',
                  'pd_joint_uv_left', 'pd_joint_uv_right', 'pd_offset', 'pd_proj_left', 'pd_proj_right',
                  'pd_mano_para_left', 'pd_mano_para_right'):
            res['%s_%d' % (k, i)] = s[k].numpy()
    res['seg'] = seg.numpy()
    res['dense'] = dense.numpy()
    np.savez(os.path.join(out, 'outputs.npz'), **res)


# ---------------------------------------------------------------- DIR's training losses (models/loss.py, lovasz)

def smooth_l1(x, y):
    """DIR's SmoothL1Loss: per sample mean of 0.5 z^2 where |z| < 0.01 plus mean of 0.01 (|z| - 0.005) elsewhere."""
    b = x.shape[0]
    z = x.reshape(b, -1) - y.reshape(b, -1)
    small = (z.abs() < 0.01).float()
    large = (z.abs() >= 0.01).float()
    return ((0.5 * (small * z) ** 2 * small).mean(-1) + (0.01 * ((large * z).abs() - 0.005) * large).mean(-1)).mean()


def edge_length(pred, gt, faces):
    def lengths(x, i, j):
        return torch.sqrt(((x[:, faces[:, i]] - x[:, faces[:, j]]) ** 2).sum(2, keepdim=True) + 1e-12)
    return torch.cat([(lengths(pred, i, j) - lengths(gt, i, j)).abs() for i, j in ((0, 1), (0, 2), (1, 2))], 1).mean()


def normal_vector(pred, gt, faces):
    def edge(x, i, j):
        return F.normalize(x[:, faces[:, j]] - x[:, faces[:, i]], p=2, dim=2)
    n = F.normalize(torch.cross(edge(gt, 0, 1), edge(gt, 0, 2), dim=2), p=2, dim=2)
    return torch.cat([(edge(pred, i, j) * n).sum(2, keepdim=True).abs() for i, j in ((0, 1), (0, 2), (1, 2))], 1).mean()


def lovasz(scores, labels):
    """Lovasz-softmax over the classes present, flattened batch; fed the scores the caller gives."""
    c = scores.shape[1]
    p = scores.permute(0, 2, 3, 1).reshape(-1, c)
    lab = labels.reshape(-1)
    losses = []
    for k in range(c):
        fg = (lab == k).float()
        if fg.sum() == 0:
            continue
        errors, perm = torch.sort((fg - p[:, k]).abs(), 0, descending=True)
        g = fg[perm]
        inter = g.sum() - g.cumsum(0)
        union = g.sum() + (1 - g).cumsum(0)
        jac = 1 - inter / union
        jac[1:] = jac[1:] - jac[:-1].clone()
        losses.append(torch.dot(errors, jac))
    return sum(losses) / len(losses)


def losses(stages, seg, dense, t, faces):
    out = {}
    size = seg.shape[-1]
    labels = F.interpolate(t['seg'], (size, size), mode='nearest').long().squeeze(1)
    out['seg'] = F.cross_entropy(seg, labels, weight=torch.tensor([.1, .45, .45])) * 0.1
    out['dense'] = smooth_l1(dense, F.interpolate(t['dense'], (size, size), mode='bilinear', align_corners=False))
    out['lovasz'] = lovasz(seg, labels) * 0.1
    offset = (t['centre_right'] - t['centre_left']) / 0.15
    for i, s in enumerate(stages):
        for kind in ('joint', 'mesh'):
            for side in ('left', 'right'):
                out['%s_%s_uv_%d' % (kind, side, i)] = smooth_l1(s['pd_%s_uv_%s' % (kind, side)],
                                                              t['%s_uv_%s' % (kind, side)][:, :, :2]) * 10
        for kind, key in (('joint', 'joint'), ('mesh', 'mesh')):
            for side in ('left', 'right'):
                out['%s_%s_xyz_%d' % (kind, side, i)] = smooth_l1(
                    s['pd_%s_xyz_%s' % (key, side)] / 0.15,
                    (t['%s_%s' % (kind, side)] - t['centre_' + side]) / 0.15) * 10
        for side in ('left', 'right'):
            out['edge_%s_%d' % (side, i)] = edge_length(s['pd_mesh_xyz_' + side] / 0.15,
                                                        (t['mesh_' + side] - t['centre_' + side]) / 0.15, faces[side])
        for side in ('left', 'right'):
            out['normal_%s_%d' % (side, i)] = normal_vector(s['pd_mesh_xyz_' + side] / 0.15,
                                                            (t['mesh_' + side] - t['centre_' + side]) / 0.15,
                                                            faces[side]) * 0.1
        out['offset_%d' % i] = smooth_l1(s['pd_offset'], offset.squeeze(1)) * 10
    return out


def random_targets(seed, b=2):
    g = torch.Generator().manual_seed(seed + 100)
    t = {}
    for side in ('left', 'right'):
        t['joint_uv_' + side] = torch.rand(b, 21, 3, generator=g) * 2 - 1
        t['mesh_uv_' + side] = torch.rand(b, 778, 3, generator=g) * 2 - 1
        t['joint_' + side] = torch.randn(b, 21, 3, generator=g) * 0.03 + torch.tensor([0., 0., 0.5])
        t['mesh_' + side] = torch.randn(b, 778, 3, generator=g) * 0.03 + torch.tensor([0., 0., 0.5])
        t['centre_' + side] = t['joint_' + side][:, 9:10].clone()
    blocks = torch.randint(0, 3, (b, 1, 16, 16), generator=g).float()
    t['seg'] = F.interpolate(blocks, (256, 256), mode='nearest')
    t['dense'] = torch.rand(b, 3, 256, 256, generator=g)
    return t


def loss(out, base, feat, emb, joint, seed):
    """A random network in training mode on a random batch of two inputs: every loss term."""
    torch.set_num_threads(1)
    model = build(base, feat, emb, joint, seed)
    os.makedirs(out, exist_ok=True)
    torch.save({'net': model.state_dict()}, os.path.join(out, 'DIR.pth'))
    x = torch.randn(2, 3, 256, 256, generator=torch.Generator().manual_seed(seed + 7))
    t = random_targets(seed)
    model.train()
    stages, seg, dense = model(x)
    faces = {'left': model.init_regressor.mano_layer_left.th_faces,
             'right': model.init_regressor.mano_layer_right.th_faces}
    terms = losses(stages, seg, dense, t, faces)
    np.save(os.path.join(out, 'input.npy'), x.numpy())
    np.savez(os.path.join(out, 'targets.npz'), **{k: v.numpy() for k, v in t.items()})
    np.savez(os.path.join(out, 'losses.npz'), **{k: v.detach().numpy() for k, v in terms.items()})


def load(file, base, feat, emb, joint):
    """Loads an exported training file as apps/eval.py does, but strictly, into this generator's network; prints
    the keys of the file and the number of tensors loaded."""
    torch.set_num_threads(1)
    ckpt = torch.load(file, map_location='cpu')
    model = build(base, feat, emb, joint, 0)
    model.load_state_dict(ckpt['net'], strict=True)
    print(','.join(sorted(ckpt.keys())), len(ckpt['net']))


if __name__ == '__main__':
    if len(sys.argv) == 10 and sys.argv[1] == 'net':
        net(sys.argv[2], *[int(a) for a in sys.argv[3:8]], sys.argv[8], [float(v) for v in sys.argv[9].split(',')])
    elif len(sys.argv) == 8 and sys.argv[1] == 'loss':
        loss(sys.argv[2], *[int(a) for a in sys.argv[3:8]])
    elif len(sys.argv) == 7 and sys.argv[1] == 'load':
        load(sys.argv[2], *[int(a) for a in sys.argv[3:7]])
    else:
        sys.exit('usage: net OUT BASE FEAT EMB JOINT SEED IMAGE X,Y,W,H | loss OUT BASE FEAT EMB JOINT SEED'
                 ' | load FILE BASE FEAT EMB JOINT')
