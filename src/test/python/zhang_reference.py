#!/usr/bin/python3
"""Reference outputs of Zhang et al. (ICCV 2021) v2 and v1 from PyTorch, for ambidex's tests.

A test-data generator, not part of ambidex: it builds the network of SEED_PORTS.md section 1 and SEED_SPEC.md E.1
from torch.nn by hand, with the parameter names of the published snapshot: InterNet as 'heatmap_predictor' (taken
from internet_reference.py), the mesh regressor as 'mesh_reg' (the ResNet-50 with BatchNorm only in the stem and
the shortcuts, fed the down-sampled heat maps before layer3; the pose-aware attention; the per-hand MANO branches;
the placement branch; three cascaded stages with heat-map registration) and smplx-style MANO layers whose buffers
(a random MANO-shaped set here, since no MANO file may be used) travel inside the checkpoint. Weights and batch-norm
statistics are random with a fixed seed. Run with Debian's python3-torch (1.13) and python3-opencv:

  /usr/bin/python3 zhang_reference.py net OUT_DIR SEED IMAGE X,Y,W,H
      snapshot.pth.tar as the published one is laid out ({'epoch', 'network' with DataParallel's 'module.' prefix,
      'optimizer'}, every storage tagged cuda:0), input.npy (1,3,256,256: the InterNet crop of IMAGE about the box,
      RGB / 255) and outputs.npz: joints (1,42,3) and verts (1,1556,3) in mm (right hand then left), trans (1,4),
      xyc (1,42,3), the last stage's pose (1,2,48) and shape (1,2,10), every stage's joints (1,2,4,21,3) and the
      margin between the best and second-best heat-map cell of every joint (1,42).
  /usr/bin/python3 zhang_reference.py net-v1 OUT_DIR SEED IMAGE X,Y,W,H
      the same for v1 (BaowenZ/Two-Hand-Shape-Pose, SEED_PORTS.md 1.1 "v1 differences"): no BatchNorm in the mesh
      ResNet, mesh input RGB / 255 - 0.5 (InterNet gets it plus 0.5), manopth-style MANO buffers (th_*) with
      OpenPose-ordered joints centred on the middle MCP; model.pts is a bare state dict (storages tagged cuda:0);
      joints are in OpenPose order.
  /usr/bin/python3 zhang_reference.py loss OUT_DIR SEED IMAGE X,Y,W,H
      v2's training loss terms (SEED_SPEC E.2) for a random network on a batch of two (the crop and its mirror)
      with random ground truth: snapshot.pth.tar, input.npy (2,3,256,256), targets.npz, losses.npz.
  /usr/bin/python3 zhang_reference.py targets IN.json OUT.npz
      v2's training targets of one sample (SEED_SPEC E.2, v2's Dataset and augmentation): MANO joints from the
      world-frame parameters through the MANO_RIGHT/LEFT.npz of IN's mano_dir (left shapedirs fixed when equal to
      the right's), smplx's 16 joints plus tips 745, 317, 444, 556, 673 in mm, into the camera frame; validity per
      hand = its flags slot for slot times flags 4 and 0, zero without MANO; then the flip (x negated, hands swapped
      in joints, validity, betas and hand type, not in MANO validity) and the rotation [[c, s], [-s, c]] of (x, y).
      OUT.npz: joints (42,3), joint_valid (42), betas (20), hand_type (2), mano_valid (2).
  /usr/bin/python3 zhang_reference.py load SNAPSHOT
      loads SNAPSHOT as the reference's demo.py does (the 'network' dictionary without its first name part,
      load_state_dict strict=True) into this v2 network; prints the number of tensors and of Adam's entries.
  /usr/bin/python3 zhang_reference.py demo-input OUT_DIR IMAGE
      input.npy (1,3,256,256): the demo's preprocessing without a box (OpenCV read ignoring EXIF orientation, the
      longer side scaled to 256 by warpAffine with a float32 matrix, top-left, black border; RGB / 255).
"""
import os
import sys

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import internet_reference as inet  # noqa: E402

TIPS = [745, 317, 444, 556, 673]  # thumb, index, middle, ring, pinky tip vertices appended to smplx's 16 joints
PARENTS = [-1, 0, 1, 2, 0, 4, 5, 0, 7, 8, 0, 10, 11, 0, 13, 14]
VERTS, FACES = 778, 1538


# ---------------------------------------------------------------- the mesh branch's ResNet-50 (E.1 item 3)
class PlainBottleneck(nn.Module):
    """conv1x1-ReLU-conv3x3(stride)-ReLU-conv1x1, no normalisation, plus the shortcut, then ReLU."""

    def __init__(self, cin, mid, cout, stride, downsample):
        super().__init__()
        self.conv1 = nn.Conv2d(cin, mid, 1, bias=False)
        self.conv2 = nn.Conv2d(mid, mid, 3, stride, 1, bias=False)
        self.conv3 = nn.Conv2d(mid, cout, 1, bias=False)
        self.downsample = downsample

    def forward(self, x):
        y = self.conv3(F.relu(self.conv2(F.relu(self.conv1(x)))))
        return F.relu(y + (x if self.downsample is None else self.downsample(x)))


class MeshResNet(nn.Module):
    """ResNet-50 layout; v2: BatchNorm in the stem and in each shortcut only; v1: no BatchNorm at all, bare 1x1
    shortcut convolutions and a classifier 'fc' that is never called; extra channels enter layer3."""

    def __init__(self, extra, v1=False):
        super().__init__()
        self.v1 = v1
        self.conv1 = nn.Conv2d(3, 64, 7, 2, 3, bias=False)
        if not v1:
            self.bn1 = nn.BatchNorm2d(64)
        cin = 64
        for i, (planes, n) in enumerate(zip([64, 128, 256, 512], [3, 4, 6, 3])):
            stride = 1 if i == 0 else 2
            first_in = cin + (extra if i == 2 else 0)
            down = nn.Conv2d(first_in, planes * 4, 1, stride, bias=False)
            if not v1:
                down = nn.Sequential(down, nn.BatchNorm2d(planes * 4))
            blocks = [PlainBottleneck(first_in, planes, planes * 4, stride, down)]
            blocks += [PlainBottleneck(planes * 4, planes, planes * 4, 1, None) for _ in range(1, n)]
            setattr(self, 'layer%d' % (i + 1), nn.Sequential(*blocks))
            cin = planes * 4
        if v1:
            self.fc = nn.Linear(2048, 1000)

    def forward(self, x, heat):
        x = self.conv1(x)
        x = F.max_pool2d(F.relu(x if self.v1 else self.bn1(x)), 3, 2, 1)
        l2 = self.layer2(self.layer1(x))
        l3 = self.layer3(torch.cat([l2, heat], 1))
        l4 = self.layer4(l3)
        return l4.mean((2, 3)), {2: l2, 3: l3, 4: l4}


# ---------------------------------------------------------------- heads (E.1 items 5-6)
class ManoBranch(nn.Module):
    def __init__(self, cin):
        super().__init__()
        widths = [cin, 512, 512, 512, 512]
        layers = []
        for a, b in zip(widths[:-1], widths[1:]):
            layers += [nn.Linear(a, b), nn.ReLU()]
        self.base_layer = nn.Sequential(*layers)
        self.pose_reg = nn.Linear(512, 48)
        self.shape_reg = nn.Sequential(nn.Linear(512, 10))

    def forward(self, x):
        h = self.base_layer(x)
        return self.pose_reg(h), self.shape_reg(h)


class PlacementBranch(nn.Module):
    def __init__(self):
        super().__init__()
        self.final_layer = nn.Linear(1024, 4)
        self.decoder = nn.Sequential(nn.Linear(2048, 1024), nn.ReLU())

    def forward(self, x):
        return self.final_layer(self.decoder(x))


# ---------------------------------------------------------------- smplx-style MANO (SEED_SPEC D.2, D.3)
class Holder(nn.Module):
    pass


def rodrigues(v):
    """Axis-angle (N,3) to rotation matrices, with smplx's 1e-8 added to the vector before the norm."""
    angle = torch.norm(v + 1e-8, dim=1, keepdim=True)
    axis = v / angle
    c, s = torch.cos(angle)[:, :, None], torch.sin(angle)[:, :, None]
    x, y, z = axis[:, 0], axis[:, 1], axis[:, 2]
    o = torch.zeros_like(x)
    k = torch.stack([o, -z, y, z, o, -x, -y, x, o], 1).view(-1, 3, 3)
    return torch.eye(3)[None] + s * k + (1 - c) * torch.bmm(k, k)


class Mano(nn.Module):
    """The buffers and parameters smplx's MANO (use_pca=False) keeps, plus Zhang's beta2J and template_J."""

    def __init__(self, gen, right):
        super().__init__()
        r = lambda *s: torch.randn(*s, generator=gen)  # noqa: E731
        u = lambda *s: torch.rand(*s, generator=gen)  # noqa: E731
        shapedirs = r(VERTS, 3, 10) * 0.004
        if not right:
            shapedirs[:, 0, :] *= -1
        self.register_buffer('shapedirs', shapedirs)
        self.vertex_joint_selector = Holder()
        self.vertex_joint_selector.register_buffer('extra_joints_idxs', torch.tensor([744, 320, 443, 554, 671]))
        self.register_buffer('faces_tensor', torch.randint(0, VERTS, (FACES, 3), generator=gen))
        self.betas = nn.Parameter(torch.zeros(1, 10))
        self.global_orient = nn.Parameter(torch.zeros(1, 3))
        self.body_pose = nn.Parameter(torch.zeros(1, 3))
        self.transl = nn.Parameter(r(1, 3) * 0.002)  # trained although no loss sees it; forward adds it
        self.register_buffer('v_template', (u(VERTS, 3) - 0.5) * torch.tensor([0.19, 0.06, 0.17]))
        reg = u(16, VERTS) * (u(16, VERTS) < 0.03)
        self.register_buffer('J_regressor', reg / reg.sum(1, keepdim=True))
        self.register_buffer('posedirs', r(135, VERTS * 3) * 0.002)
        self.register_buffer('parents', torch.tensor(PARENTS))
        w = u(VERTS, 16) ** 4
        self.register_buffer('lbs_weights', w / w.sum(1, keepdim=True))
        hand_mean = r(45) * 0.2
        self.register_buffer('hand_mean', hand_mean)
        self.hand_pose = nn.Parameter(torch.zeros(1, 45))
        self.register_buffer('pose_mean', torch.cat([torch.zeros(3), hand_mean]))
        self.register_buffer('beta2J', torch.einsum('jv,vcl->jcl', self.J_regressor, self.shapedirs))
        self.register_buffer('template_J', self.J_regressor @ self.v_template)

    def forward(self, pose, betas):
        """Vertices (B,778,3) and the 16 joints (B,16,3), metres, with transl added."""
        b = pose.shape[0]
        full = pose + self.pose_mean
        shaped = self.v_template + torch.einsum('bl,vcl->bvc', betas, self.shapedirs)
        rest = torch.einsum('jv,bvc->bjc', self.J_regressor, shaped)
        rot = rodrigues(full.reshape(-1, 3)).view(b, 16, 3, 3)
        feature = (rot[:, 1:] - torch.eye(3)).reshape(b, -1)
        posed = shaped + (feature @ self.posedirs).view(b, VERTS, 3)
        world = []
        for k in range(16):
            local = torch.zeros(b, 4, 4)
            local[:, :3, :3] = rot[:, k]
            local[:, :3, 3] = rest[:, k] - (rest[:, PARENTS[k]] if k > 0 else 0)
            local[:, 3, 3] = 1
            world.append(local if k == 0 else world[PARENTS[k]] @ local)
        world = torch.stack(world, 1)
        joints = world[:, :, :3, 3]
        skin = world.clone()
        skin[:, :, :3, 3] = joints - (world[:, :, :3, :3] @ rest[..., None])[..., 0]
        t = torch.einsum('vk,bkij->bvij', self.lbs_weights, skin)
        verts = (t[:, :, :3, :3] @ posed[..., None])[..., 0] + t[:, :, :3, 3]
        return verts + self.transl[:, None], joints + self.transl[:, None]


class ManopthMano(nn.Module):
    """v1's modified manopth layer (use_pca=False, flat_hand_mean=False, center_idx=9): its buffers, and a forward
    giving vertices and OpenPose-ordered joints (tips 745, 317, 444 / 445 on the left, 556, 673) centred on the
    middle MCP, in mm. The kinematic tree is MANO's (manopth reads it from the MANO file)."""

    OP_FROM_MANO_TIPS = [0, 13, 14, 15, 16, 1, 2, 3, 17, 4, 5, 6, 18, 10, 11, 12, 19, 7, 8, 9, 20]

    def __init__(self, gen, right):
        super().__init__()
        r = lambda *s: torch.randn(*s, generator=gen)  # noqa: E731
        u = lambda *s: torch.rand(*s, generator=gen)  # noqa: E731
        self.right = right
        self.register_buffer('th_betas', torch.zeros(1, 10))
        shapedirs = r(VERTS, 3, 10) * 0.004
        if not right:
            shapedirs[:, 0, :] *= -1
        self.register_buffer('th_shapedirs', shapedirs)
        self.register_buffer('th_posedirs', r(VERTS, 3, 135) * 0.002)
        self.register_buffer('th_v_template', ((u(VERTS, 3) - 0.5) * torch.tensor([0.19, 0.06, 0.17]))[None])
        reg = u(16, VERTS) * (u(16, VERTS) < 0.03)
        self.register_buffer('th_J_regressor', reg / reg.sum(1, keepdim=True))
        w = u(VERTS, 16) ** 4
        self.register_buffer('th_weights', w / w.sum(1, keepdim=True))
        self.register_buffer('th_faces', torch.randint(0, VERTS, (FACES, 3), generator=gen))
        self.register_buffer('th_hands_mean', r(1, 45) * 0.2)
        self.register_buffer('th_selected_comps', r(45, 45))

    def forward(self, pose, betas):
        b = pose.shape[0]
        full = torch.cat([pose[:, :3], self.th_hands_mean + pose[:, 3:]], 1)
        shaped = self.th_v_template + torch.einsum('bl,vcl->bvc', betas, self.th_shapedirs)
        rest = torch.einsum('jv,bvc->bjc', self.th_J_regressor, shaped)
        rot = rodrigues(full.reshape(-1, 3)).view(b, 16, 3, 3)
        feature = (rot[:, 1:] - torch.eye(3)).reshape(b, -1)
        posed = shaped + torch.einsum('vcp,bp->bvc', self.th_posedirs, feature)
        world = []
        for k in range(16):
            local = torch.zeros(b, 4, 4)
            local[:, :3, :3] = rot[:, k]
            local[:, :3, 3] = rest[:, k] - (rest[:, PARENTS[k]] if k > 0 else 0)
            local[:, 3, 3] = 1
            world.append(local if k == 0 else world[PARENTS[k]] @ local)
        world = torch.stack(world, 1)
        skin = world.clone()
        skin[:, :, :3, 3] = world[:, :, :3, 3] - (world[:, :, :3, :3] @ rest[..., None])[..., 0]
        t = torch.einsum('vk,bkij->bvij', self.th_weights, skin)
        verts = (t[:, :, :3, :3] @ posed[..., None])[..., 0] + t[:, :, :3, 3]
        tips = verts[:, [745, 317, 444 if self.right else 445, 556, 673]]
        joints = torch.cat([world[:, :, :3, 3], tips], 1)[:, self.OP_FROM_MANO_TIPS]
        centre = joints[:, 9:10]
        return (verts - centre) * 1000, (joints - centre) * 1000


# ---------------------------------------------------------------- the cascade (E.1 item 7)
def register(xyc, joints, size):
    """Weighted least-squares scale and shift taking the joints' (x, y) mm onto the 64-grid argmax, as Gaussians."""
    b, n = joints.shape[:2]
    w = xyc[:, :, 2]
    a = torch.zeros(b, n, 2, 3)
    a[:, :, 0, 0] = joints[:, :, 0]
    a[:, :, 1, 0] = joints[:, :, 1]
    a[:, :, 0, 1] = 1
    a[:, :, 1, 2] = 1
    a = (w[:, :, None, None] * a).reshape(b, 2 * n, 3)
    rhs = (w[:, :, None] * xyc[:, :, :2]).reshape(b, 2 * n, 1)
    st = torch.linalg.solve(a.transpose(1, 2) @ a, a.transpose(1, 2) @ rhs)[:, :, 0]
    p = (joints[:, :, :2] * st[:, None, :1] + st[:, None, 1:]) * (size / 64.0)
    grid = torch.arange(size, dtype=torch.float32)
    dx = (p[:, :, 0, None] - grid)[:, :, None, :]
    dy = (p[:, :, 1, None] - grid)[:, :, :, None]
    g = torch.exp(-(dx ** 2 + dy ** 2) / 3)
    return 1 - torch.prod(1 - g, 1)


class Model(nn.Module):
    def __init__(self, gen, v1=False):
        super().__init__()
        self.v1 = v1
        self.mesh_reg = MeshReg(gen, v1)
        self.heatmap_predictor = inet.InterNet(50, 64, 21, 64, 256, 512, 64)

    def forward(self, img):
        """img: RGB / 255. v1 computes x = img - 0.5 for the mesh branch and gives InterNet x + 0.5."""
        x = img - 0.5 if self.v1 else None
        heat, _, _ = self.heatmap_predictor(x + 0.5 if self.v1 else img)
        b = heat.shape[0]
        small = heat[:, :, ::4, ::2, ::2].reshape(b, -1, 32, 32)
        coords, best = inet.decode(heat)
        xyc = torch.cat([coords[:, :, :2], best[:, :, None]], 2)
        planes = heat.reshape(b, 2, -1, 64, 64).max(2).values
        mean = torch.tensor([0.485, 0.456, 0.406])[None, :, None, None]
        std = torch.tensor([0.229, 0.224, 0.225])[None, :, None, None]
        return self.mesh_reg(x if self.v1 else (img - mean) / std, small, xyc, planes), xyc


class MeshReg(nn.Module):
    def __init__(self, gen, v1=False):
        super().__init__()
        self.v1 = v1
        self.base_net = MeshResNet(42 * 64 // 4, v1)
        layer = ManopthMano if v1 else Mano
        self.mano_layer = nn.ModuleDict({'r': layer(gen, True), 'l': layer(gen, False)})
        self.left_mano_branch = ManoBranch(2048)
        self.right_mano_branch = ManoBranch(2048)
        self.trans_branch = PlacementBranch()
        self.cascaded_left_mano_branch_list = nn.ModuleList([ManoBranch(2048 + 116 + 4) for _ in range(3)])
        self.cascaded_right_mano_branch_list = nn.ModuleList([ManoBranch(2048 + 116 + 4) for _ in range(3)])
        feats = [None, None, 512, 1024, 2048]
        self.cascaded_left_feature_extractor_list = nn.ModuleList()
        self.cascaded_right_feature_extractor_list = nn.ModuleList()
        for i in range(3):
            c = feats[4 - i]
            for lst in (self.cascaded_right_feature_extractor_list, self.cascaded_left_feature_extractor_list):
                lst.append(PlainBottleneck(c, c // 2, 2048, 2 ** i, nn.Conv2d(c, 2048, 1, 2 ** i, bias=False)))

    def hand(self, side, pose, shape):
        if self.v1:
            verts, joints = self.mano_layer[side](pose, shape)
            return {'pose': pose, 'shape': shape, 'verts': verts, 'joints': joints}
        verts, joints = self.mano_layer[side](pose, shape)
        mano = self.mano_layer[side]
        tpose = (mano.template_J + torch.einsum('jcl,bl->bjc', mano.beta2J, shape)) * 1000
        return {'pose': pose, 'shape': shape, 'verts': verts * 1000, 'tpose': tpose,
                'joints': torch.cat([joints, verts[:, TIPS]], 1) * 1000}

    def forward(self, img, small, xyc, planes):
        feature, levels = self.base_net(img, small)
        att = planes[:, :, ::8, ::8]  # nearest 64 -> 8 takes every eighth cell from the first
        hands = []
        for h, side, branch in ((0, 'r', self.right_mano_branch), (1, 'l', self.left_mano_branch)):
            hands.append(self.hand(side, *branch((levels[4] * att[:, h:h + 1]).mean((2, 3)))))
        trans = self.trans_branch(feature)
        stages = [hands]
        for i in range(3):
            level = levels[4 - i]
            prev = stages[-1]
            new = [None, None]
            for h, side in ((0, 'r'), (1, 'l')):
                other = prev[1 - h]
                own = prev[h]
                ext = (self.cascaded_right_feature_extractor_list if h == 0
                       else self.cascaded_left_feature_extractor_list)[i]
                mano = (self.cascaded_right_mano_branch_list if h == 0 else self.cascaded_left_mano_branch_list)[i]
                mask = register(xyc[:, 21 * h:21 * h + 21], own['joints'], level.shape[2])
                f = ext(level * mask[:, None]).mean((2, 3))
                new[h] = self.hand(side, *mano(torch.cat([other['shape'], other['pose'], own['shape'], own['pose'],
                                                          f, trans], 1)))
            stages.append(new)
        return stages, trans


# ---------------------------------------------------------------- random weights, snapshot, outputs
def randomise(model, gen):
    """He-normal convolutions (the mesh ResNet has no BatchNorm to keep activations in range), small linear layers."""
    for name, m in model.named_modules():
        if isinstance(m, (nn.Conv2d, nn.ConvTranspose2d)):
            fan = m.weight[0].numel() if isinstance(m, nn.Conv2d) else m.weight.shape[0] * 16
            scale = 0.8 if name.startswith('mesh_reg') else 1.0
            m.weight.data = torch.randn(m.weight.shape, generator=gen) * (scale * (2.0 / fan) ** 0.5)
            if m.bias is not None:
                m.bias.data = torch.randn(m.bias.shape, generator=gen) * 0.1
        elif isinstance(m, nn.Linear):
            m.weight.data = torch.randn(m.weight.shape, generator=gen) * (1.0 / m.weight.shape[1]) ** 0.5
            m.bias.data = torch.randn(m.bias.shape, generator=gen) * 0.05
    inet.randomise_batchnorm(model, gen)
    with torch.no_grad():
        for name, m in model.named_modules():
            if 'joint_conv' in name and isinstance(m, nn.Conv2d):  # heat maps of a few units, not thousands
                m.weight.mul_(1e-3)
                m.bias.mul_(1e-3)


def save_on_gpu_tag(obj, path):
    """torch.save with every storage tagged 'cuda:0', as a snapshot saved from a GPU is (no GPU needed)."""
    torch.serialization.register_package(0, lambda storage: 'cuda:0', lambda storage, location: None)
    try:
        torch.save(obj, path)
    finally:
        torch.serialization._package_registry.pop(0)


def net(out, seed, image, box, v1=False):
    torch.manual_seed(seed)
    gen = torch.Generator().manual_seed(seed)
    model = Model(gen, v1)
    randomise(model, gen)
    model.eval()
    x, _ = inet.image_input(image, box)
    with torch.no_grad():
        (stages, trans), xyc = model(x)
        heat = model.heatmap_predictor(x)[0]
    top2 = torch.topk(heat.flatten(2), 2, dim=2).values
    last = stages[-1]
    os.makedirs(out, exist_ok=True)
    if v1:  # model.pts: a bare state dict
        save_on_gpu_tag(model.state_dict(), os.path.join(out, 'model.pts'))
    else:
        state = {('module.' + k): v for k, v in model.state_dict().items()}
        optimizer = torch.optim.Adam(model.parameters(), lr=1e-4)
        save_on_gpu_tag({'epoch': 99, 'network': state, 'optimizer': optimizer.state_dict()},
                        os.path.join(out, 'snapshot.pth.tar'))
    np.save(os.path.join(out, 'input.npy'), x.numpy().astype(np.float32))
    np.savez(os.path.join(out, 'outputs.npz'),
             joints=torch.cat([last[0]['joints'], last[1]['joints']], 1).numpy(),
             verts=torch.cat([last[0]['verts'], last[1]['verts']], 1).numpy(),
             trans=trans.numpy(), xyc=xyc.numpy(),
             pose=torch.stack([last[0]['pose'], last[1]['pose']], 1).numpy(),
             shape=torch.stack([last[0]['shape'], last[1]['shape']], 1).numpy(),
             stage_joints=torch.stack([torch.stack([s[h]['joints'] for s in stages], 1) for h in (0, 1)], 1).numpy(),
             margin=(top2[:, :, 0] - top2[:, :, 1]).numpy())


# ---------------------------------------------------------------- the v2 training loss (SEED_SPEC E.2)
LEVELS = [[0, 0, 0, 0, 0], [13, 1, 4, 10, 7], [14, 2, 5, 11, 8], [15, 3, 6, 12, 9]]


def bone_lengths(joints):
    """(..., J, 3) -> (..., 3, 5): distances between consecutive levels of each finger chain."""
    rows = [torch.stack([(joints[..., LEVELS[k][f], :] - joints[..., LEVELS[k - 1][f], :]).norm(dim=-1)
                         for f in range(5)], -1) for k in range(1, 4)]
    return torch.stack(rows, -2)


def loss_terms(stages, trans, gt_joints, hand_type, gt_betas, joint_valid, mano_valid):
    """Each term summed over batch and stages, divided by the batch size, weighted."""
    b = gt_joints.shape[0]
    j = torch.stack([torch.cat([s[0]['joints'], s[1]['joints']], 1) for s in stages], 1)
    t = torch.stack([torch.cat([s[0]['tpose'], s[1]['tpose']], 1) for s in stages], 1)
    shape = torch.stack([torch.cat([s[0]['shape'], s[1]['shape']], 1) for s in stages], 1)
    pose = torch.stack([torch.cat([s[0]['pose'], s[1]['pose']], 1) for s in stages], 1)
    len_r = (gt_joints[:, 4] - gt_joints[:, 0]).norm(dim=-1)
    len_l = (gt_joints[:, 25] - gt_joints[:, 21]).norm(dim=-1)
    g_r = (gt_joints - gt_joints[:, 4:5]) / len_r[:, None, None]
    g_l = (gt_joints - gt_joints[:, 25:26]) / len_l[:, None, None]
    p_len_r = (t[:, :, 4] - t[:, :, 0]).norm(dim=-1).clamp_min(1e-8)
    p_len_l = (t[:, :, 20] - t[:, :, 16]).norm(dim=-1).clamp_min(1e-8)
    p_r = (j[:, :, :21] - j[:, :, 4:5]) / p_len_r[..., None, None]
    p_l = (j[:, :, 21:] - j[:, :, 25:26]) / p_len_l[..., None, None]
    s, d = trans[:, None, None, :1], trans[:, None, None, 1:]
    off_r = (p_l + d) * torch.exp(s) - p_r
    off_l = p_l - (p_r * torch.exp(-s) - d)
    v = joint_valid
    ov = (v[:, :21] * v[:, 21:])[:, None, :, None]
    both = (hand_type[:, 0] * hand_type[:, 1])[:, None, None]
    # a bone counts where both its ends are annotated
    bv_r = torch.stack([torch.stack([v[:, LEVELS[k][f]] * v[:, LEVELS[k - 1][f]] for f in range(5)], -1)
                        for k in range(1, 4)], -2)[:, None]
    bv_l = torch.stack([torch.stack([v[:, 21 + LEVELS[k][f]] * v[:, 21 + LEVELS[k - 1][f]] for f in range(5)], -1)
                        for k in range(1, 4)], -2)[:, None]
    sv = hand_type * mano_valid
    terms = {
        'offset': ((((off_r - (g_r[:, 21:] - g_r[:, :21])[:, None]) * ov) ** 2).sum()
                   + (((off_l - (g_l[:, 21:] - g_l[:, :21])[:, None]) * ov) ** 2).sum()) / b,
        'consis': (((shape[..., :10] - shape[..., 10:]) * both) ** 2).sum() / b * 1e-2,
        'joint': (((p_r - g_r[:, None, :21]) * v[:, None, :21, None]).abs().sum()
                  + ((p_l - g_l[:, None, 21:]) * v[:, None, 21:, None]).abs().sum()) / b * 10,
        'bone': ((((bone_lengths(t[:, :, :16] / p_len_r[..., None, None]) - bone_lengths(g_r[:, :21])[:, None])
                   * bv_r) ** 2).sum()
                 + (((bone_lengths(t[:, :, 16:] / p_len_l[..., None, None]) - bone_lengths(g_l[:, 21:])[:, None])
                     * bv_l) ** 2).sum()) / b * 100,
        'shape': ((((shape[..., :10] - gt_betas[:, None, :10]) * sv[:, None, :1]) ** 2).sum()
                  + (((shape[..., 10:] - gt_betas[:, None, 10:]) * sv[:, None, 1:]) ** 2).sum()) / b * 0.1,
        'regularizer': ((shape ** 2).sum() + 0.1 * (pose[..., 3:] ** 2).sum()) / b * 0.1,
    }
    return terms


def loss(out, seed, image, box):
    """A random v2 model, a batch of two (the crop and its mirror), random ground truth: the loss terms."""
    torch.manual_seed(seed)
    gen = torch.Generator().manual_seed(seed)
    model = Model(gen)
    randomise(model, gen)
    model.eval()
    x, _ = inet.image_input(image, box)
    x = torch.cat([x, x.flip(3)], 0)
    with torch.no_grad():
        (stages, trans), xyc = model(x)
    b = x.shape[0]
    gt_joints = torch.randn(b, 42, 3, generator=gen) * 30
    hand_type = torch.tensor([[1., 1.], [1., 0.]])
    gt_betas = torch.randn(b, 20, generator=gen)
    joint_valid = (torch.rand(b, 42, generator=gen) > 0.2).float()
    mano_valid = torch.tensor([[1., 0.], [1., 1.]])
    terms = loss_terms(stages, trans, gt_joints, hand_type, gt_betas, joint_valid, mano_valid)
    os.makedirs(out, exist_ok=True)
    state = {('module.' + k): v for k, v in model.state_dict().items()}
    save_on_gpu_tag({'epoch': 0, 'network': state}, os.path.join(out, 'snapshot.pth.tar'))
    np.save(os.path.join(out, 'input.npy'), x.numpy().astype(np.float32))
    np.savez(os.path.join(out, 'targets.npz'), joints=gt_joints.numpy(), hand_type=hand_type.numpy(),
             betas=gt_betas.numpy(), joint_valid=joint_valid.numpy(), mano_valid=mano_valid.numpy())
    np.savez(os.path.join(out, 'losses.npz'), **{k: v.numpy() for k, v in terms.items()})


def demo_input(out, image):
    import cv2
    img = cv2.imread(image, cv2.IMREAD_COLOR | cv2.IMREAD_IGNORE_ORIENTATION)
    ratio = 256 / max(*img.shape[:2])
    m = np.array([[ratio, 0, 0], [0, ratio, 0]], dtype=np.float32)
    img = cv2.warpAffine(img, m, (256, 256), flags=cv2.INTER_LINEAR, borderValue=[0, 0, 0])
    img = img[:, :, ::-1].astype(np.float32) / 255
    os.makedirs(out, exist_ok=True)
    np.save(os.path.join(out, 'input.npy'), img.transpose(2, 0, 1)[None].copy())


def targets(inp, out):
    import json
    spec = json.load(open(inp))
    data = [dict(np.load(os.path.join(spec['mano_dir'], 'MANO_%s.npz' % s), allow_pickle=True))
            for s in ('RIGHT', 'LEFT')]
    if np.abs(data[1]['shapedirs'][:, 0] - data[0]['shapedirs'][:, 0]).sum() < 1:
        data[1]['shapedirs'][:, 0] *= -1
    rot = np.array(spec['rotation'], np.float32).reshape(3, 3)
    t_mm = np.array(spec['translation'], np.float32) * 1000
    flags = np.array(spec['flags'], np.float32)
    joints = np.zeros((42, 3), np.float32)
    valid = flags.copy()
    betas = np.zeros(20, np.float32)
    mano_valid = np.ones(2, np.float32)
    for h in range(2):
        block = slice(21 * h, 21 * h + 21)
        valid[block] *= flags[21 * h + 4] * flags[21 * h]
        p = spec['hands'][h]
        if p is None:
            mano_valid[h] = 0
            valid[block] = 0
            continue
        d = data[h]
        assert list(d['kintree_table'][0][1:]) == PARENTS[1:]
        m = Mano(torch.Generator().manual_seed(0), h == 0)
        m.shapedirs = torch.tensor(d['shapedirs'], dtype=torch.float32)
        m.v_template = torch.tensor(d['v_template'], dtype=torch.float32)
        m.J_regressor = torch.tensor(np.asarray(d['J_regressor']), dtype=torch.float32)
        m.posedirs = torch.tensor(d['posedirs'].reshape(-1, 135).T.copy(), dtype=torch.float32)
        m.lbs_weights = torch.tensor(d['weights'], dtype=torch.float32)
        m.pose_mean = torch.cat([torch.zeros(3), torch.tensor(d['hands_mean'], dtype=torch.float32)])
        m.transl.data = torch.tensor(p['trans'], dtype=torch.float32)[None]
        with torch.no_grad():
            verts, j16 = m(torch.tensor(p['pose'], dtype=torch.float32)[None],
                           torch.tensor(p['shape'], dtype=torch.float32)[None])
        world = torch.cat([j16, verts[:, TIPS]], 1)[0].numpy() * 1000
        joints[block] = world @ rot.T + t_mm
        betas[10 * h:10 * h + 10] = p['shape']
    hand_type = np.array(spec['hand_type'], np.float32)
    if spec['flip']:
        joints[:, 0] = -joints[:, 0]
        joints = np.concatenate([joints[21:], joints[:21]])
        valid = np.concatenate([valid[21:], valid[:21]])
        betas = np.concatenate([betas[10:], betas[:10]])
        hand_type = hand_type[::-1].copy()
    a = np.pi * spec['rotation_deg'] / 180
    r2 = np.array([[np.cos(a), np.sin(a)], [-np.sin(a), np.cos(a)]])
    joints[:, :2] = joints[:, :2] @ r2.T
    np.savez(out, joints=joints.astype(np.float32), joint_valid=valid, betas=betas, hand_type=hand_type,
             mano_valid=mano_valid)


def load(path):
    model = Model(torch.Generator().manual_seed(0))
    ckpt = torch.load(path, map_location='cpu')
    model.load_state_dict({k.split('.', 1)[1]: v for k, v in ckpt['network'].items()}, strict=True)
    print(len(ckpt['network']), len(ckpt.get('optimizer', {}).get('state', {})))


if __name__ == '__main__':
    torch.set_num_threads(1)
    if sys.argv[1] == 'net':
        net(sys.argv[2], int(sys.argv[3]), sys.argv[4], [float(v) for v in sys.argv[5].split(',')])
    elif sys.argv[1] == 'net-v1':
        net(sys.argv[2], int(sys.argv[3]), sys.argv[4], [float(v) for v in sys.argv[5].split(',')], v1=True)
    elif sys.argv[1] == 'loss':
        loss(sys.argv[2], int(sys.argv[3]), sys.argv[4], [float(v) for v in sys.argv[5].split(',')])
    elif sys.argv[1] == 'targets':
        targets(sys.argv[2], sys.argv[3])
    elif sys.argv[1] == 'load':
        load(sys.argv[2])
    elif sys.argv[1] == 'demo-input':
        demo_input(sys.argv[2], sys.argv[3])
    else:
        sys.exit(__doc__)
