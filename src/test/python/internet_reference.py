#!/usr/bin/python3
"""Reference outputs of InterNet and its layers from PyTorch, for ambidex's tests.

A test-data generator, not part of ambidex: it builds InterNet (SEED_SPEC.md B.1-B.4) from torch.nn by hand
(torchvision is not needed; module names follow torchvision's ResNet and InterNet's state dict, B.6), initialises it
randomly with a fixed seed, saves a checkpoint in the layout of the published snapshots
({'epoch', 'network' with the DataParallel 'module.' prefix, 'optimizer'}) and the network's outputs on a fixed
input. Run with Debian's python3-torch (1.13):

  /usr/bin/python3 internet_reference.py layers OUT_DIR      per-layer fixtures (layers.npz)
  /usr/bin/python3 internet_reference.py net OUT_DIR DEPTH BASE JOINTS DEPTH_BINS DECONV HIDDEN ROOT_BINS SEED \
        [IMAGE X,Y,W,H]
        a random InterNet of that shape: snapshot.pth.tar, input.npy (1,3,256,256), outputs.npz. With an image and a
        box (needs python3-opencv), the input is the reference test-time crop of the image (OpenCV read,
        process_bbox, getAffineTransform, warpAffine bilinear with zero border, /255), and outputs.npz also holds
        the joints in image pixels ('pixels', through the inverse crop transform). With AMBIDEX_SAVE_HEATMAP=1 the
        whole heatmap is saved too (heat.npy; not committed, it is large).

The committed outputs under src/test/resources/fixtures/nets/ were made with 'layers' and with
'net tiny-internet 18 4 21 8 8 16 64 7 tiny-internet/hands.png 30,20,90,60'. The full-size comparison test runs
'net DIR 50 64 21 64 256 512 64 11 IMAGE 30,20,90,60' itself.
"""
import os
import sys

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F


# ---------------------------------------------------------------- ResNet with torchvision's names
class BasicBlock(nn.Module):
    expansion = 1

    def __init__(self, inplanes, planes, stride, downsample):
        super().__init__()
        self.conv1 = nn.Conv2d(inplanes, planes, 3, stride, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(planes)
        self.relu = nn.ReLU(inplace=True)
        self.conv2 = nn.Conv2d(planes, planes, 3, 1, 1, bias=False)
        self.bn2 = nn.BatchNorm2d(planes)
        self.downsample = downsample

    def forward(self, x):
        out = self.relu(self.bn1(self.conv1(x)))
        out = self.bn2(self.conv2(out))
        identity = x if self.downsample is None else self.downsample(x)
        return self.relu(out + identity)


class Bottleneck(nn.Module):
    expansion = 4

    def __init__(self, inplanes, planes, stride, downsample):
        super().__init__()
        self.conv1 = nn.Conv2d(inplanes, planes, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(planes)
        self.conv2 = nn.Conv2d(planes, planes, 3, stride, 1, bias=False)
        self.bn2 = nn.BatchNorm2d(planes)
        self.conv3 = nn.Conv2d(planes, planes * 4, 1, bias=False)
        self.bn3 = nn.BatchNorm2d(planes * 4)
        self.relu = nn.ReLU(inplace=True)
        self.downsample = downsample

    def forward(self, x):
        out = self.relu(self.bn1(self.conv1(x)))
        out = self.relu(self.bn2(self.conv2(out)))
        out = self.bn3(self.conv3(out))
        identity = x if self.downsample is None else self.downsample(x)
        return self.relu(out + identity)


LAYERS = {18: (BasicBlock, [2, 2, 2, 2]), 34: (BasicBlock, [3, 4, 6, 3]), 50: (Bottleneck, [3, 4, 6, 3]),
          101: (Bottleneck, [3, 4, 23, 3]), 152: (Bottleneck, [3, 8, 36, 3])}


class ResNet(nn.Module):
    def __init__(self, depth, base):
        super().__init__()
        block, blocks = LAYERS[depth]
        self.conv1 = nn.Conv2d(3, base, 7, 2, 3, bias=False)
        self.bn1 = nn.BatchNorm2d(base)
        self.relu = nn.ReLU(inplace=True)
        self.maxpool = nn.MaxPool2d(3, 2, 1)
        self.inplanes = base
        for i, n in enumerate(blocks):
            setattr(self, 'layer%d' % (i + 1), self._layer(block, base << i, n, 1 if i == 0 else 2))
        self.out_channels = self.inplanes

    def _layer(self, block, planes, n, stride):
        down = None
        if stride != 1 or self.inplanes != planes * block.expansion:
            down = nn.Sequential(nn.Conv2d(self.inplanes, planes * block.expansion, 1, stride, bias=False),
                                 nn.BatchNorm2d(planes * block.expansion))
        layers = [block(self.inplanes, planes, stride, down)]
        self.inplanes = planes * block.expansion
        layers += [block(self.inplanes, planes, 1, None) for _ in range(1, n)]
        return nn.Sequential(*layers)

    def forward(self, x):
        x = self.maxpool(self.relu(self.bn1(self.conv1(x))))
        return self.layer4(self.layer3(self.layer2(self.layer1(x))))


# ---------------------------------------------------------------- InterNet (B.2-B.3)
class Backbone(nn.Module):
    def __init__(self, depth, base):
        super().__init__()
        self.resnet = ResNet(depth, base)

    def forward(self, x):
        return self.resnet(x)


def deconvs(cin, c):
    layers = []
    for i in range(3):
        layers += [nn.ConvTranspose2d(cin if i == 0 else c, c, 4, 2, 1, output_padding=0, bias=False),
                   nn.BatchNorm2d(c), nn.ReLU(inplace=True)]
    return nn.Sequential(*layers)


class PoseNet(nn.Module):
    def __init__(self, feat, joints, dbins, deconv, hidden, rbins):
        super().__init__()
        self.joints, self.dbins, self.feat = joints, dbins, feat
        self.joint_deconv_1 = deconvs(feat, deconv)
        self.joint_conv_1 = nn.Sequential(nn.Conv2d(deconv, joints * dbins, 1))
        self.joint_deconv_2 = deconvs(feat, deconv)
        self.joint_conv_2 = nn.Sequential(nn.Conv2d(deconv, joints * dbins, 1))
        self.root_fc = nn.Sequential(nn.Linear(feat, hidden), nn.ReLU(inplace=True), nn.Linear(hidden, rbins))
        self.hand_fc = nn.Sequential(nn.Linear(feat, hidden), nn.ReLU(inplace=True), nn.Linear(hidden, 2))

    def forward(self, f):
        hm = f.shape[2] * 8
        h1 = self.joint_conv_1(self.joint_deconv_1(f)).view(-1, self.joints, self.dbins, hm, hm)
        h2 = self.joint_conv_2(self.joint_deconv_2(f)).view(-1, self.joints, self.dbins, hm, hm)
        heat = torch.cat((h1, h2), 1)
        gap = F.avg_pool2d(f, (f.shape[2], f.shape[3])).view(-1, self.feat)
        logits = self.root_fc(gap)
        bins = torch.arange(logits.shape[1], dtype=torch.float32)
        root = (F.softmax(logits, 1) * bins[None, :]).sum(1).view(-1, 1)
        hand = torch.sigmoid(self.hand_fc(gap))
        return heat, root, hand


class InterNet(nn.Module):
    def __init__(self, depth, base, joints, dbins, deconv, hidden, rbins):
        super().__init__()
        self.backbone_net = Backbone(depth, base)
        self.pose_net = PoseNet(self.backbone_net.resnet.out_channels, joints, dbins, deconv, hidden, rbins)

    def forward(self, x):
        return self.pose_net(self.backbone_net(x))


def decode(heat):
    """Hard argmax as InterNet's model.py: max over depth, then height, then width, gathered back."""
    val_z, idx_z = torch.max(heat, 2)
    val_zy, idx_zy = torch.max(val_z, 2)
    val_zyx, x = torch.max(val_zy, 2)
    x = x[:, :, None]
    y = torch.gather(idx_zy, 2, x)
    z = torch.gather(idx_z, 2, y[:, :, :, None].repeat(1, 1, 1, heat.shape[4]))[:, :, 0, :]
    z = torch.gather(z, 2, x)
    return torch.cat((x, y, z), 2).float(), val_zyx


def randomise_batchnorm(model, gen):
    for m in model.modules():
        if isinstance(m, nn.BatchNorm2d):
            n = m.num_features
            m.weight.data = torch.rand(n, generator=gen) + 0.5
            m.bias.data = torch.rand(n, generator=gen) * 0.2 - 0.1
            m.running_mean.data = torch.rand(n, generator=gen) * 0.2 - 0.1
            m.running_var.data = torch.rand(n, generator=gen) + 0.5
            m.num_batches_tracked.fill_(int(torch.randint(1, 1000, (1,), generator=gen)))


def fixed_input(seed):
    """A smooth fixed image in [0, 1] (what the crop and /255 produce), so the heatmaps have clear maxima."""
    g = torch.Generator().manual_seed(seed)
    yy, xx = torch.meshgrid(torch.arange(256.), torch.arange(256.), indexing='ij')
    img = torch.stack([0.5 + 0.5 * torch.sin(xx / 23 + c) * torch.cos(yy / 31 - c) for c in range(3)])
    return (img * 0.8 + 0.2 * torch.rand(3, 256, 256, generator=g))[None].clamp(0, 1)


def process_bbox(box):
    """InterNet's process_bbox: square about the centre (aspect 1), 1.25 times larger, not clipped."""
    x, y, w, h = box
    cx, cy = x + w / 2.0, y + h / 2.0
    if w > h:
        h = w
    elif w < h:
        w = h
    w, h = w * 1.25, h * 1.25
    return np.array([cx - w / 2.0, cy - h / 2.0, w, h], dtype=np.float64)


def patch_transform(cx, cy, w, h, size, inverse):
    """The 3-point affine of gen_trans_from_patch_cv without augmentation (scale 1, rotation 0)."""
    src = np.zeros((3, 2), dtype=np.float32)
    dst = np.zeros((3, 2), dtype=np.float32)
    centre = np.array([cx, cy], dtype=np.float32)
    src[0, :] = centre
    src[1, :] = centre + np.array([0, h * 0.5], dtype=np.float32)
    src[2, :] = centre + np.array([w * 0.5, 0], dtype=np.float32)
    dst[0, :] = np.array([size * 0.5, size * 0.5], dtype=np.float32)
    dst[1, :] = dst[0, :] + np.array([0, size * 0.5], dtype=np.float32)
    dst[2, :] = dst[0, :] + np.array([size * 0.5, 0], dtype=np.float32)
    import cv2
    m = cv2.getAffineTransform(np.float32(dst), np.float32(src)) if inverse else \
        cv2.getAffineTransform(np.float32(src), np.float32(dst))
    return m.astype(np.float32)


def image_input(path, box):
    """The reference test pipeline: OpenCV read (BGR to RGB, float32), process_bbox, warpAffine, /255."""
    import cv2
    img = cv2.imread(path, cv2.IMREAD_COLOR | cv2.IMREAD_IGNORE_ORIENTATION)[:, :, ::-1].copy().astype(np.float32)
    b = process_bbox(box)
    cx, cy = b[0] + 0.5 * b[2], b[1] + 0.5 * b[3]
    trans = patch_transform(cx, cy, b[2], b[3], 256, False)
    inv = patch_transform(cx, cy, b[2], b[3], 256, True)
    patch = cv2.warpAffine(img, trans, (256, 256), flags=cv2.INTER_LINEAR)
    x = torch.from_numpy(patch.transpose(2, 0, 1).copy())[None] / 255.
    return x, inv


def net(out, depth, base, joints, dbins, deconv, hidden, rbins, seed, image=None, box=None):
    torch.manual_seed(seed)
    gen = torch.Generator().manual_seed(seed)
    model = InterNet(depth, base, joints, dbins, deconv, hidden, rbins)
    randomise_batchnorm(model, gen)
    # A real optimizer state, as the snapshots carry one: one Adam step on a throw-away copy's gradients.
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-4)
    model.eval()
    inv = None
    if image is None:
        x = fixed_input(seed)
    else:
        x, inv = image_input(image, box)
    with torch.no_grad():
        heat, root, hand = model(x)
    coords, maxval = decode(heat)
    top2 = torch.topk(heat.flatten(2), 2, dim=2).values
    os.makedirs(out, exist_ok=True)
    state = {('module.' + k): v for k, v in model.state_dict().items()}
    torch.save({'epoch': 19, 'network': state, 'optimizer': optimizer.state_dict()},
               os.path.join(out, 'snapshot.pth.tar'))
    np.save(os.path.join(out, 'input.npy'), x.numpy().astype(np.float32))
    if os.environ.get('AMBIDEX_SAVE_HEATMAP') == '1':
        np.save(os.path.join(out, 'heat.npy'), heat.numpy())
    extra = {}
    if inv is not None:
        hm = heat.shape[3]
        uv1 = np.concatenate([coords[0, :, :2].numpy() / hm * 256, np.ones((coords.shape[1], 1))], 1)
        extra['pixels'] = uv1 @ inv.transpose().astype(np.float64)
        extra['inv_trans'] = inv
    np.savez(os.path.join(out, 'outputs.npz'), coords=coords.numpy(), max=maxval.numpy(), **extra,
             second=top2[:, :, 1].numpy(), root=root.numpy(), hand=hand.numpy(),
             heat_sum=heat.double().sum((2, 3, 4)).numpy(), config=np.array(
                 [depth, base, joints, dbins, deconv, hidden, rbins], dtype=np.int64))


def layers(out):
    g = torch.Generator().manual_seed(3)
    r = lambda *s: torch.randn(*s, generator=g)
    res = {}
    # convolution 3x3 stride 2 padding 1 with bias
    conv = nn.Conv2d(5, 7, 3, 2, 1)
    x = r(2, 5, 9, 10)
    res.update(conv_x=x, conv_w=conv.weight, conv_b=conv.bias, conv_y=conv(x))
    # transposed convolution as InterNet's (k 4, s 2, p 1, no bias), and one with a bias, odd kernel and stride 3
    for name, m, shape in (('deconv', nn.ConvTranspose2d(6, 4, 4, 2, 1, bias=False), (2, 6, 5, 7)),
                           ('deconv3', nn.ConvTranspose2d(3, 2, 5, 3, 1, bias=True), (1, 3, 4, 4))):
        x = r(*shape)
        res.update({name + '_x': x, name + '_w': m.weight, name + '_y': m(x)})
        if m.bias is not None:
            res[name + '_b'] = m.bias
    # batch norm: evaluation, then one training step (batch statistics, running statistics updated)
    bn = nn.BatchNorm2d(4)
    bn.weight.data, bn.bias.data = r(4), r(4)
    bn.running_mean.data, bn.running_var.data = r(4), torch.rand(4, generator=g) + 0.5
    x = r(3, 4, 5, 6) * 2 + 1
    res.update(bn_x=x, bn_weight=bn.weight, bn_bias=bn.bias, bn_mean=bn.running_mean.clone(),
               bn_var=bn.running_var.clone())
    bn.eval()
    res['bn_eval_y'] = bn(x)
    bn.train()
    res['bn_train_y'] = bn(x)
    res.update(bn_train_mean=bn.running_mean.clone(), bn_train_var=bn.running_var.clone())
    # linear
    lin = nn.Linear(6, 3)
    x = r(4, 6)
    res.update(linear_x=x, linear_w=lin.weight, linear_b=lin.bias, linear_y=lin(x))
    # max pool 3x3/2 pad 1 (the ResNet stem)
    x = r(1, 2, 7, 8)
    res.update(maxpool_x=x, maxpool_y=F.max_pool2d(x, 3, 2, 1))
    os.makedirs(out, exist_ok=True)
    np.savez(os.path.join(out, 'layers.npz'), **{k: v.detach().numpy().astype(np.float32) for k, v in res.items()})


if __name__ == '__main__':
    torch.set_num_threads(1)
    if sys.argv[1] == 'layers':
        layers(sys.argv[2])
    elif sys.argv[1] == 'net':
        if len(sys.argv) > 11:
            net(sys.argv[2], *[int(a) for a in sys.argv[3:11]], image=sys.argv[11],
                box=[float(v) for v in sys.argv[12].split(',')])
        else:
            net(sys.argv[2], *[int(a) for a in sys.argv[3:11]])
    else:
        sys.exit('usage: layers OUT | net OUT DEPTH BASE JOINTS DEPTH_BINS DECONV HIDDEN ROOT_BINS SEED')
