#!/usr/bin/python3
"""Reference outputs of IntagHand (Li et al., CVPR 2022) with random weights, for ambidex's exactness test.

A test-data generator, not part of ambidex, written in torch from the facts of shared/docs/SEED_PORTS.md section 2
(module names, layer order and the operations of Dw1010/IntagHand's models/encoder.py, decoder.py and
model_attn/*.py), not copied from that code. Run with Debian's python3-torch, python3-scipy and python3-opencv:

  /usr/bin/python3 intaghand_reference.py make OUT_DIR IMAGE X0,Y0,X1,Y1 [SEED]
        writes OUT_DIR/misc as misc.tar.gz unpacks it (model/interhand.pth: the state dict with DDP's 'module.'
        prefix, random weights and batch-norm statistics; graph_left.pkl, graph_right.pkl: random graphs in the
        layout of build_graph, with a pickled torch tensor and scipy sparse matrices; v_color.pkl, upsample.pkl),
        crops IMAGE about the box as cut_img does (cv2.warpAffine on the uint8 image, 256 x 256), and writes the
        network's outputs on the crop: crop.u8 (256 x 256 x 3, RGB), input.f32 (1 x 3 x 256 x 256),
        left_verts.f32 / right_verts.f32 (778 x 3), left_cam.f32 / right_cam.f32 (scale, tx, ty), map.txt (the 2 x 3
        crop map). Raw little-endian float32. Also files ambidex must refuse: bad.pth (a tensor missing, one
        mis-shaped, one unexpected) and badgraph/graph_{left,right}.pkl (a 60-node coarsest Laplacian).

  /usr/bin/python3 intaghand_reference.py loss OUT_DIR MANO_DIR EPOCH
        after 'make': a fixed batch (the crop and its mirror image, batch.f32), random targets (gt_*.f32) and the
        training loss terms of core/Loss.py on them with the network in eval mode (losses.json); MANO_DIR holds
        MANO_RIGHT.npz / MANO_LEFT.npz (J_regressor, faces).

  /usr/bin/python3 intaghand_reference.py load OUT_DIR FILE
        after 'make': builds the network from OUT_DIR/misc's graphs, loads FILE (a state dict under DDP's 'module.',
        as core/gcn_trainer.py saves it) with load_state_dict(strict=True) after removing the prefix, as
        load_model's retry does, and writes its outputs in eval mode on input.f32: loaded_left_verts.f32,
        loaded_right_verts.f32 (778 x 3), loaded_left_cam.f32, loaded_right_cam.f32.

How it was checked against the official code: see docs/MODELS.md (IntagHand).
"""
import os
import pickle
import sys

import cv2
import numpy as np
import scipy.sparse
import torch
import torch.nn as nn
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from internet_reference import ResNet  # noqa: E402  torchvision's module names, no torchvision needed

IMG_SIZE = 256
RATIO = 0.8
VERTS = 778
MEAN = [0.485, 0.456, 0.406]
STD = [0.229, 0.224, 0.225]


# ------------------------------------------------------------------------------------------------ building blocks
def norm(dim):
    return nn.LayerNorm(dim, eps=1e-6)


class Residual(nn.Module):
    """MLP_res_block: x + fc2(relu(fc1(layer_norm(x))))."""

    def __init__(self, dim, hid):
        super().__init__()
        self.layer_norm = norm(dim)
        self.fc1 = nn.Linear(dim, hid)
        self.fc2 = nn.Linear(hid, dim)

    def forward(self, x):
        return x + self.fc2(F.relu(self.fc1(self.layer_norm(x))))


def split_heads(t, h):
    b, n, c = t.shape
    return t.reshape(b, n, h, c // h).permute(0, 2, 1, 3)


def attend(q, k, v):
    d = q.shape[-1]
    a = torch.softmax(q @ k.transpose(-1, -2) / d ** 0.5, dim=-1)
    o = (a @ v).permute(0, 2, 1, 3)
    return o.reshape(o.shape[0], o.shape[1], -1)


class SelfAttention(nn.Module):
    """Pre-norm multi-head self-attention with residual, then Residual 'ff'."""

    def __init__(self, dim, hid, heads=4):
        super().__init__()
        self.h = heads
        self.w_qs = nn.Linear(dim, dim)
        self.w_ks = nn.Linear(dim, dim)
        self.w_vs = nn.Linear(dim, dim)
        self.layer_norm = norm(dim)
        self.fc = nn.Linear(dim, dim)
        self.ff = Residual(dim, hid)

    def forward(self, x):
        y = self.layer_norm(x)
        q, k, v = (split_heads(w(y), self.h) for w in (self.w_qs, self.w_ks, self.w_vs))
        return self.ff(x + self.fc(attend(q, k, v)))


class CrossHands(nn.Module):
    """Per-hand self-attention, then shared-weight cross attention with a norm per hand, then per-hand MLPs."""

    def __init__(self, dim, heads=4):
        super().__init__()
        self.h = heads
        self.L_self_attn_layer = SelfAttention(dim, dim, heads)
        self.R_self_attn_layer = SelfAttention(dim, dim, heads)
        self.w_qs = nn.Linear(dim, dim)
        self.w_ks = nn.Linear(dim, dim)
        self.w_vs = nn.Linear(dim, dim)
        self.fc = nn.Linear(dim, dim)
        self.layer_norm1 = norm(dim)
        self.layer_norm2 = norm(dim)
        self.ffL = Residual(dim, dim)
        self.ffR = Residual(dim, dim)

    def forward(self, left, right):
        left = self.L_self_attn_layer(left)
        right = self.R_self_attn_layer(right)
        a = self.layer_norm1(left)
        b = self.layer_norm2(right)
        lq, lk, lv = (split_heads(w(a), self.h) for w in (self.w_qs, self.w_ks, self.w_vs))
        rq, rk, rv = (split_heads(w(b), self.h) for w in (self.w_qs, self.w_ks, self.w_vs))
        to_left = self.fc(attend(lq, rk, rv))
        to_right = self.fc(attend(rq, lk, lv))
        return self.ffL(left + to_left), self.ffR(right + to_right)


class Cheb(nn.Module):
    """GCN_ResBlock: order-2 Chebyshev convolutions with a dense Laplacian; norm1 exists but is not used."""

    def __init__(self, cin, cout, lap):
        super().__init__()
        self.register_buffer('graph_L', lap, persistent=False)
        self.norm1 = norm(cin)
        self.fc1 = nn.Linear(2 * cin, cout)
        self.norm2 = norm(cout)
        self.fc2 = nn.Linear(2 * cout, cout)
        self.shortcut = nn.Linear(cin, cout)
        self.norm3 = norm(cout)

    def conv(self, x, fc):
        b, v, f = x.shape
        flat = x.permute(1, 2, 0).reshape(v, f * b)
        both = torch.stack([flat, torch.mm(self.graph_L, flat)], 0).reshape(2, v, f, b)
        return fc(both.permute(3, 1, 2, 0).reshape(b * v, 2 * f)).reshape(b, v, -1)

    def forward(self, x):
        y = F.relu(self.norm2(self.conv(x, self.fc1)))
        y = self.conv(y, self.fc2)
        return self.norm3(y + self.shortcut(x))


class Graph(nn.Module):
    def __init__(self, cin, cout, lap, n=4):
        super().__init__()
        self.GCN_blocks = nn.ModuleList([Cheb(cin if i == 0 else cout, cout, lap) for i in range(n)])

    def forward(self, x):
        for i, blk in enumerate(self.GCN_blocks):
            x = blk(x)
            if i < len(self.GCN_blocks) - 1:
                x = F.relu(x)
        return x


class Patches(nn.Module):
    def __init__(self, size, cin, grid, cout, heads=4):
        super().__init__()
        self.position_embeddings = nn.Embedding(grid * grid, cout)
        self.proj = nn.Conv2d(cin, cout, size // grid, size // grid)
        self.self_attn = SelfAttention(cout, cout, heads)

    def forward(self, img):
        g = F.relu(self.proj(img)).flatten(2).transpose(1, 2)
        return self.self_attn(g + self.position_embeddings.weight)


class NodesAndPatches(nn.Module):
    def __init__(self, vdim, gdim, heads=4):
        super().__init__()
        self.fc = nn.Linear(gdim, vdim)
        self.Attn = SelfAttention(vdim, vdim, heads)

    def forward(self, nodes, grid):
        v = nodes.shape[1]
        return self.Attn(torch.cat([nodes, self.fc(grid)], 1))[:, :v]


class ImageBranch(nn.Module):
    def __init__(self, size, cin, grid, gdim, vdim, heads=4):
        super().__init__()
        self.encoder = Patches(size, cin, grid, gdim, heads)
        self.attn = NodesAndPatches(vdim, gdim, heads)

    def forward(self, img, nodes):
        return self.attn(nodes, self.encoder(img))


class Level(nn.Module):
    def __init__(self, cin, cout, lap_l, lap_r, size, gdim):
        super().__init__()
        self.position_embeddings = nn.Embedding(lap_l.shape[0], cin)
        self.graph_left = Graph(cin, cout, lap_l)
        self.graph_right = Graph(cin, cout, lap_r)
        self.img_ex_left = ImageBranch(size, 256, 8, gdim, cout)
        self.img_ex_right = ImageBranch(size, 256, 8, gdim, cout)
        self.attn = CrossHands(cout)

    def forward(self, left, right, img):
        pe = self.position_embeddings.weight
        left = self.img_ex_left(img, self.graph_left(left + pe))
        right = self.img_ex_right(img, self.graph_right(right + pe))
        return self.attn(left, right)


class Dual(nn.Module):
    def __init__(self, laps_l, laps_r):
        super().__init__()
        dims = [(512, 256, 8, 256), (256, 128, 16, 128), (128, 64, 32, 64)]
        self.layers = nn.ModuleList([Level(a, b, laps_l[i], laps_r[i], s, g) for i, (a, b, s, g) in enumerate(dims)])

    def forward(self, left, right, maps):
        for i, level in enumerate(self.layers):
            left, right = level(left, right, maps[i])
            if i < 2:
                left = left.repeat_interleave(2, dim=1)
                right = right.repeat_interleave(2, dim=1)
        return left, right


class Decoder(nn.Module):
    def __init__(self, graphs, colours, upsample):
        super().__init__()
        laps = {}
        self.perm = {}
        for side in ('left', 'right'):
            levels = graphs[side]['coarsen_graphs_L'][::-1][:3]
            laps[side] = [torch.from_numpy(m.toarray().astype(np.float32)) for m in levels]
            self.perm[side] = torch.tensor(graphs[side]['graph_perm'], dtype=torch.long)
        self.register_buffer('dense_coor', torch.from_numpy(colours).float())
        self.dual_gcn = Dual(laps['left'], laps['right'])
        self.gf_layer_left = nn.Sequential(nn.Linear(2048, 509), norm(509))
        self.gf_layer_right = nn.Sequential(nn.Linear(2048, 509), norm(509))
        n_out = laps['left'][2].shape[0]
        self.n_in = laps['left'][0].shape[0]
        self.unsample_layer = nn.Linear(n_out, VERTS, bias=False)
        with torch.no_grad():
            self.unsample_layer.weight.copy_(torch.from_numpy(upsample).float())
        self.coord_head = nn.Linear(64, 3)
        self.avg_head = nn.Linear(n_out, 1)
        self.params_head = nn.Linear(64, 3)

    def start(self, gf, glob, side):
        b = glob.shape[0]
        pe = (self.dense_coor * 2 - 1)[self.perm[side]]
        pe = pe.reshape(self.n_in, -1, 3).mean(1)
        return torch.cat([gf(glob).unsqueeze(1).expand(b, self.n_in, -1), pe.unsqueeze(0).expand(b, -1, -1)], 2)

    def forward(self, glob, maps, coarse=False):
        left, right = self.dual_gcn(self.start(self.gf_layer_left, glob, 'left'),
                                    self.start(self.gf_layer_right, glob, 'right'), maps)
        out = []
        for x in (left, right):
            nodes = self.coord_head(x)
            verts = self.unsample_layer(nodes.transpose(1, 2)).transpose(1, 2)
            cam = self.params_head(self.avg_head(x.transpose(1, 2))[..., 0])
            out += [verts, cam] + ([nodes] if coarse else [])
        return out


def up_level(cin, cout, first):
    conv = nn.Conv2d(cin, cout, 1 if first else 3, 1, 0 if first else 1, bias=False)
    layers = [conv, nn.ReLU(), nn.BatchNorm2d(cout)]
    if not first:
        layers.insert(0, nn.Upsample(scale_factor=2, mode='bilinear', align_corners=True))
    return nn.Sequential(*layers)


class Up(nn.Module):
    def __init__(self, out):
        super().__init__()
        self.models = nn.ModuleList([up_level(2048 if i == 0 else 128, 128, i == 0) for i in range(4)])
        self.final_layer = nn.Conv2d(128, out, 1)

    def forward(self, x):
        maps = []
        for m in self.models:
            x = m(x)
            maps.append(x)
        self.head = self.final_layer(x)  # the auxiliary output, kept for the training losses
        return maps


class Encoder(nn.Module):
    def __init__(self):
        super().__init__()
        self.resnet = ResNet(50, 64)
        self.resnet.fc = nn.Linear(2048, 1000)  # torchvision's classifier: in the checkpoint, unused
        self.hms_decoder = Up(42)
        self.dp_decoder = Up(8)

    def forward(self, img):
        r = self.resnet
        x = r.maxpool(r.relu(r.bn1(r.conv1(img))))
        x4 = r.layer1(x)
        x3 = r.layer2(x4)
        x2 = r.layer3(x3)
        x1 = r.layer4(x2)
        return [x1, x2, x3, x4], self.hms_decoder(x1), self.dp_decoder(x1)


class Mid(nn.Module):
    def __init__(self):
        super().__init__()
        ins = [256, 256 + 1024, 256 + 512, 256 + 256]
        self.convs = nn.ModuleList([nn.Sequential(nn.Conv2d(c, 256, 1, bias=False), nn.ReLU(), nn.BatchNorm2d(256))
                                    for c in ins])

    def forward(self, img, hms, dp):
        glob = img[0].mean((2, 3))
        maps = []
        for i, conv in enumerate(self.convs):
            x = torch.cat([hms[i], dp[i]] + ([img[i]] if i > 0 else []), 1)
            maps.append(conv(x))
        return glob, maps


class Net(nn.Module):
    def __init__(self, graphs, colours, upsample):
        super().__init__()
        self.encoder = Encoder()
        self.mid_model = Mid()
        self.decoder = Decoder(graphs, colours, upsample)

    def forward(self, img, coarse=False):
        glob, maps = self.mid_model(*self.encoder(img))
        return self.decoder(glob, maps[:3], coarse)


# ------------------------------------------------------------------------------------------------ test data
def random_laplacian(n, rng, rescale):
    """A symmetric normalised Laplacian of a random sparse graph; rescaled as rescale_L does for levels 0-3."""
    a = scipy.sparse.random(n, n, density=min(1.0, 6.0 / n), random_state=rng, dtype=np.float32)
    a = ((a + a.T) > 0).astype(np.float32)
    a = (a - scipy.sparse.diags(a.diagonal())).tocsr()
    a.eliminate_zeros()
    d = np.asarray(a.sum(0)).ravel() + np.spacing(np.float32(0))
    dm = scipy.sparse.diags(1 / np.sqrt(d))
    lap = (scipy.sparse.identity(n, dtype=np.float32) - dm @ a @ dm).tocsr().astype(np.float32)
    if rescale:
        lmax = scipy.sparse.linalg.eigsh(lap, k=1, which='LM', return_eigenvectors=False)[0]
        lap = (lap / (2 * lmax) - scipy.sparse.identity(n, format='csr', dtype=np.float32)).tocsr()
    return lap


def random_graphs(rng):
    sizes = [1008, 504, 252, 126, 63]
    laps = [random_laplacian(n, rng, i < 4) for i, n in enumerate(sizes)]
    perm = [int(v) for v in rng.randint(0, VERTS, size=sizes[0])]
    faces = rng.randint(0, VERTS, size=(1538, 3)).astype(np.int64)
    return {'mesh_faces': faces,
            'mesh_adj': scipy.sparse.coo_matrix(laps[0][:VERTS, :VERTS]),
            'graph_mask': torch.from_numpy((np.arange(sizes[0]) < VERTS).astype(float)).float(),
            'coarsen_graphs_adj': [abs(m) for m in laps],
            'coarsen_graphs_L': laps,
            'graph_perm': perm,
            'graph_perm_reverse': rng.permutation(sizes[0])}


def randomise(net, gen):
    """Random weights and batch-norm statistics scaled so activations stay O(1) through the network."""
    with torch.no_grad():
        for name, p in net.named_parameters():
            if name.endswith('unsample_layer.weight'):
                continue
            if p.dim() > 1:
                fan_in = p[0].numel()
                p.copy_(torch.randn(p.shape, generator=gen) / fan_in ** 0.5)
            elif 'norm' in name or name.endswith(('bn1.weight', 'bn2.weight', 'bn3.weight')):
                p.copy_(1 + 0.1 * torch.randn(p.shape, generator=gen))
            else:
                p.copy_(0.1 * torch.randn(p.shape, generator=gen))
        for m in net.modules():
            if isinstance(m, nn.BatchNorm2d):
                m.weight.copy_(0.5 + 0.5 * torch.rand(m.weight.shape, generator=gen))
                m.running_mean.copy_(0.1 * torch.randn(m.running_mean.shape, generator=gen))
                m.running_var.copy_(0.5 + torch.rand(m.running_var.shape, generator=gen))
                m.num_batches_tracked.fill_(7)


def crop(image_bgr, box):
    x0, y0, x1, y1 = box
    pts = np.array([[x0, y0], [x1, y1]], dtype=np.float64)
    lo, hi = pts.min(0), pts.max(0)
    mid = (lo + hi) / 2
    half = np.max(hi - lo) / 2 / RATIO
    m = IMG_SIZE / 2 / half * np.array([[1, 0, half - mid[0]], [0, 1, half - mid[1]]])
    return cv2.warpAffine(image_bgr, m, dsize=(IMG_SIZE, IMG_SIZE)), m


def make(out, image_path, box, seed):
    torch.set_num_threads(1)
    rng = np.random.RandomState(seed)
    gen = torch.Generator().manual_seed(seed)
    misc = os.path.join(out, 'misc')
    os.makedirs(os.path.join(misc, 'model'), exist_ok=True)
    graphs = {side: random_graphs(rng) for side in ('left', 'right')}
    colours = rng.rand(VERTS, 3)
    upsample = (rng.rand(VERTS, 252) / 252 * 2).astype(np.float32)
    for side in ('left', 'right'):
        with open(os.path.join(misc, 'graph_%s.pkl' % side), 'wb') as f:
            pickle.dump(graphs[side], f)
    with open(os.path.join(misc, 'v_color.pkl'), 'wb') as f:
        pickle.dump(colours, f)
    with open(os.path.join(misc, 'upsample.pkl'), 'wb') as f:
        pickle.dump(upsample, f)

    net = Net(graphs, colours, upsample).eval()
    randomise(net, gen)
    torch.save({'module.' + k: v for k, v in net.state_dict().items()}, os.path.join(misc, 'model', 'interhand.pth'))

    # files that must be refused: a checkpoint with a tensor missing, one mis-shaped and one extra; a graph file
    # whose coarsest Laplacian has the wrong size
    bad = {'module.' + k: v for k, v in net.state_dict().items()}
    del bad['module.decoder.coord_head.bias']
    bad['module.decoder.avg_head.weight'] = torch.zeros(1, 250)
    bad['module.decoder.extra.weight'] = torch.zeros(2)
    torch.save(bad, os.path.join(out, 'bad.pth'))
    wrong = dict(graphs['left'])
    wrong['coarsen_graphs_L'] = wrong['coarsen_graphs_L'][:4] + [random_laplacian(60, rng, False)]
    os.makedirs(os.path.join(out, 'badgraph'), exist_ok=True)
    for side in ('left', 'right'):
        with open(os.path.join(out, 'badgraph', 'graph_%s.pkl' % side), 'wb') as f:
            pickle.dump(wrong, f)

    bgr = cv2.imread(image_path)
    cropped, m = crop(bgr, box)
    rgb = cropped[:, :, ::-1].copy()
    rgb.tofile(os.path.join(out, 'crop.u8'))
    with open(os.path.join(out, 'map.txt'), 'w') as f:
        f.write(' '.join(repr(float(v)) for v in m.ravel()) + '\n')
    x = torch.from_numpy(rgb.astype(np.float32) / 255).permute(2, 0, 1)
    x = ((x - torch.tensor(MEAN).view(3, 1, 1)) / torch.tensor(STD).view(3, 1, 1)).unsqueeze(0)
    x.numpy().astype('<f4').tofile(os.path.join(out, 'input.f32'))
    with torch.no_grad():
        lv, lc, rv, rc = net(x)
    for name, t in (('left_verts', lv), ('left_cam', lc), ('right_verts', rv), ('right_cam', rc)):
        t[0].numpy().astype('<f4').tofile(os.path.join(out, name + '.f32'))


# ------------------------------------------------------------------------------------------------ training losses
# The terms of core/Loss.py (GraphLoss.calc_loss, calc_aux_loss, calc_loss_GCN) with utils/defaults.yaml's weights.
WEIGHTS = {'label_3d': 100.0, 'label_2d': 50.0, 'edge': 2000.0, 'normal': 10.0, 'norm_epoch': 50, 'upsample': 1.0,
           'mask': 500.0, 'dense': 30.0, 'hms': 100.0}
OPENPOSE = [0, 13, 14, 15, 16, 1, 2, 3, 17, 4, 5, 6, 18, 10, 11, 12, 19, 7, 8, 9, 20]
TIP_VERTICES = [745, 317, 444, 556, 673]


def open_misc(misc, checkpoint=None):
    """The network in evaluation mode on misc's graph pickles, with misc/model/interhand.pth (or checkpoint), whose
    keys all carry DataParallel's 'module.' prefix, loaded strictly."""
    graphs = {s: pickle.load(open(os.path.join(misc, 'graph_%s.pkl' % s), 'rb')) for s in ('left', 'right')}
    colours = pickle.load(open(os.path.join(misc, 'v_color.pkl'), 'rb'))
    upsample = pickle.load(open(os.path.join(misc, 'upsample.pkl'), 'rb'))
    net = Net(graphs, colours, upsample).eval()
    state = torch.load(checkpoint or os.path.join(misc, 'model', 'interhand.pth'))
    assert all(k.startswith('module.') for k in state), 'every key under module.'
    net.load_state_dict({k[7:]: v for k, v in state.items()}, strict=True)
    return net


def regressor21(j16):
    tips = torch.zeros(5, j16.shape[1], dtype=j16.dtype)
    for row, v in enumerate(TIP_VERTICES):
        tips[row, v] = 1
    return torch.cat([j16, tips], 0)[OPENPOSE]


def project(cam, pts):
    return cam[:, :1, None] * IMG_SIZE * pts[..., :2] + (cam[:, None, 1:] * IMG_SIZE / 2 + IMG_SIZE / 2)


def unit(uv):
    return uv / IMG_SIZE * 2 - 1


def face_edges(v, faces):
    t = v[:, faces]
    return torch.stack([t[:, :, 0] - t[:, :, 1], t[:, :, 1] - t[:, :, 2], t[:, :, 2] - t[:, :, 0]], 2)


def hand_terms(verts, cam, nodes, gt3d, gt2d, jr, faces, perm):
    l1 = F.l1_loss
    mse = F.mse_loss
    ep = face_edges(verts, faces)
    eg = face_edges(gt3d, faces)
    normal = F.normalize(torch.cross(eg[:, :, 0], eg[:, :, 1], dim=-1), dim=-1).unsqueeze(2)
    cos = (F.normalize(ep, dim=-1) * normal).sum(-1)
    g3 = gt3d[:, perm]
    g2 = gt2d[:, perm]
    while g3.shape[1] > nodes.shape[1]:
        g3 = 0.5 * (g3[:, 0::2] + g3[:, 1::2])
        g2 = 0.5 * (g2[:, 0::2] + g2[:, 1::2])
    return {'vert2d_loss': mse(unit(project(cam, verts)), unit(gt2d)),
            'vert3d_loss': l1(verts, gt3d),
            'joint_loss': l1(jr @ verts, jr @ gt3d),
            'norm_loss': cos.abs().mean(),
            'edge_loss': l1(ep.norm(dim=-1), eg.norm(dim=-1)),
            'coarse_v3d_loss': l1(nodes, g3),
            'coarse_v2d_loss': mse(unit(project(cam, nodes)), unit(g2))}


def loss_terms(net, x, gt, jr, faces, perms, epoch):
    lv, lc, ln, rv, rc, rn = net(x, coarse=True)
    hms = net.encoder.hms_decoder.head
    dp = net.encoder.dp_decoder.head
    left = hand_terms(lv, lc, ln, gt['v3d_l'], gt['v2d_l'], jr['left'], faces['left'], perms['left'])
    right = hand_terms(rv, rc, rn, gt['v3d_r'] + gt['root_rel'].unsqueeze(1), gt['v2d_r'], jr['right'],
                       faces['right'], perms['right'])
    terms = {k: (left[k] + right[k]) / 2 for k in left}
    beta = 0.05
    mask = gt['mask']
    terms['mask_loss'] = F.smooth_l1_loss(dp[:, :2], mask, beta=beta)
    pd = dp[:, 2:]
    terms['dense_loss'] = (F.smooth_l1_loss(pd[:, :3] * mask[:, :1], gt['dense'] * mask[:, :1], beta=beta)
                           + F.smooth_l1_loss(pd[:, 3:] * mask[:, 1:], gt['dense'] * mask[:, 1:], beta=beta)) / 2
    terms['hms_loss'] = F.mse_loss(hms, gt['hms'])
    terms['upsample_norm_loss'] = torch.zeros(())  # freeze_upsample: the up-sampling weights are not trained
    w = WEIGHTS
    alpha = 0.0 if epoch < w['norm_epoch'] else 1.0
    terms['total_loss'] = (w['label_3d'] * (terms['vert3d_loss'] + terms['joint_loss'] + terms['coarse_v3d_loss'])
                           + w['label_2d'] * (terms['vert2d_loss'] + terms['coarse_v2d_loss'])
                           + w['normal'] * terms['norm_loss'] + alpha * w['edge'] * terms['edge_loss']
                           + w['upsample'] * terms['upsample_norm_loss'] + w['mask'] * terms['mask_loss']
                           + w['dense'] * terms['dense_loss'] + w['hms'] * terms['hms_loss'])
    return terms


def loss(out, mano_dir, epoch, seed=23):
    """Writes a fixed batch's targets (gt_*.f32) and the loss terms (losses.json) of the network in out/misc."""
    import json
    torch.set_num_threads(1)
    misc = os.path.join(out, 'misc')
    net = open_misc(misc)
    graphs = {s: pickle.load(open(os.path.join(misc, 'graph_%s.pkl' % s), 'rb')) for s in ('left', 'right')}
    x1 = torch.from_numpy(np.fromfile(os.path.join(out, 'input.f32'), dtype='<f4').reshape(1, 3, 256, 256))
    x = torch.cat([x1, x1.flip(3)], 0)
    gen = torch.Generator().manual_seed(seed)
    b = x.shape[0]
    gt = {'v3d_l': 0.05 * torch.randn(b, VERTS, 3, generator=gen), 'v3d_r': 0.05 * torch.randn(b, VERTS, 3, generator=gen),
          'v2d_l': 256 * torch.rand(b, VERTS, 2, generator=gen), 'v2d_r': 256 * torch.rand(b, VERTS, 2, generator=gen),
          'root_rel': 0.1 * torch.randn(b, 3, generator=gen), 'mask': torch.rand(b, 2, 64, 64, generator=gen),
          'dense': torch.rand(b, 3, 64, 64, generator=gen), 'hms': torch.rand(b, 42, 64, 64, generator=gen)}
    for k, v in gt.items():
        v.numpy().astype('<f4').tofile(os.path.join(out, 'gt_%s.f32' % k))
    x.numpy().astype('<f4').tofile(os.path.join(out, 'batch.f32'))
    jr = {}
    faces = {}
    for side, name in (('left', 'MANO_LEFT.npz'), ('right', 'MANO_RIGHT.npz')):
        m = np.load(os.path.join(mano_dir, name))
        jr[side] = regressor21(torch.from_numpy(m['J_regressor']).float())
        f = m['f'].astype(np.int64)
        # A face whose corners repeat has no normal; torch.cross does not give exactly 0 for it (cross(a, -a) is
        # rounded otherwise), so its term would be arbitrary. MANO has none; the test fixture's random faces do:
        # give those three consecutive vertices, and write the faces used.
        bad = (f[:, 0] == f[:, 1]) | (f[:, 1] == f[:, 2]) | (f[:, 0] == f[:, 2])
        rows = np.nonzero(bad)[0]
        f[rows] = (rows[:, None] + np.arange(3)[None, :]) % VERTS
        f.astype('<i8').tofile(os.path.join(out, 'faces_%s.i64' % side))
        faces[side] = torch.from_numpy(f)
    perms = {s: torch.tensor(graphs[s]['graph_perm'], dtype=torch.long) for s in ('left', 'right')}
    with torch.no_grad():
        terms = loss_terms(net, x, gt, jr, faces, perms, epoch)
    with open(os.path.join(out, 'losses.json'), 'w') as f:
        json.dump({k: float(v) for k, v in terms.items()}, f, indent=1)


def load(out, path):
    """Loads a saved state dict strictly into the network of out/misc and writes its outputs on input.f32."""
    torch.set_num_threads(1)
    net = open_misc(os.path.join(out, 'misc'), path)
    x = torch.from_numpy(np.fromfile(os.path.join(out, 'input.f32'), dtype='<f4').reshape(1, 3, 256, 256))
    with torch.no_grad():
        lv, lc, rv, rc = net(x)
    for name, t in (('left_verts', lv), ('left_cam', lc), ('right_verts', rv), ('right_cam', rc)):
        t[0].numpy().astype('<f4').tofile(os.path.join(out, 'loaded_' + name + '.f32'))


if __name__ == '__main__':
    if len(sys.argv) >= 4 and sys.argv[1] == 'load':
        load(sys.argv[2], sys.argv[3])
    elif len(sys.argv) >= 5 and sys.argv[1] == 'loss':
        loss(sys.argv[2], sys.argv[3], int(sys.argv[4]))
    elif len(sys.argv) >= 5 and sys.argv[1] == 'make':
        make(sys.argv[2], sys.argv[3], [float(v) for v in sys.argv[4].split(',')],
             int(sys.argv[5]) if len(sys.argv) > 5 else 22)
    else:
        sys.exit(__doc__)
