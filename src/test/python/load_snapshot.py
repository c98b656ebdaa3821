#!/usr/bin/python3
"""Loads a snapshot written by ambidex (train --export, or export) with PyTorch, as the reference code would, for
ambidex's tests:

  /usr/bin/python3 load_snapshot.py SNAPSHOT OUT.npz DEPTH BASE JOINTS DEPTH_BINS DECONV HIDDEN ROOT_BINS [optimizer]

torch.load (weights_only, so only plain containers and tensors are accepted; with 'optimizer' a plain torch.load,
because PyTorch 1.13's weights-only unpickler has no opcode for Python floats such as the learning rate), then the 'network' dictionary with
the 'module.' prefix removed goes into the reference InterNet with load_state_dict(strict=True); when the snapshot
holds an 'optimizer', it goes into torch.optim.Adam(model.parameters()) with load_state_dict and one Adam step is
taken on a zero gradient (which must run). Writes every network tensor as PyTorch holds it after loading, plus
'epoch', into OUT.npz.
"""
import sys

import numpy
import torch

from internet_reference import InterNet

path, out = sys.argv[1], sys.argv[2]
shape = [int(v) for v in sys.argv[3:10]]
with_optimizer = len(sys.argv) > 10 and sys.argv[10] == 'optimizer'
ckpt = torch.load(path, map_location='cpu', weights_only=not with_optimizer)
assert ('optimizer' in ckpt) == with_optimizer, sorted(ckpt.keys())
assert set(ckpt.keys()) <= {'epoch', 'network', 'optimizer'}, sorted(ckpt.keys())
network = ckpt['network']
assert all(k.startswith('module.') for k in network), 'keys without module.'
model = InterNet(*shape)
model.load_state_dict({k[len('module.'):]: v for k, v in network.items()}, strict=True)
if 'optimizer' in ckpt:
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-4)
    optimizer.load_state_dict(ckpt['optimizer'])
    for p in model.parameters():
        p.grad = torch.zeros_like(p)
    optimizer.step()
    model.load_state_dict({k[len('module.'):]: v for k, v in network.items()}, strict=True)
arrays = {k: v.detach().numpy() for k, v in model.state_dict().items()}
arrays['epoch'] = numpy.array(ckpt['epoch'], dtype=numpy.int64)
numpy.savez(out, **arrays)
