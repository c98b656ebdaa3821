#!/usr/bin/python3
"""The same S2HAND forward in PyTorch on the CPU, timed as S2HandBench times ambidex: encoder, regressors, MANO,
texture and light head, evaluation mode, no gradients, random weights (s2hand_reference.py's modules). Prints the
median thread CPU and wall milliseconds per batch.

  /usr/bin/python3 s2hand_speed.py MANO_NPZ BATCH [REPEATS [THREADS]]
"""
import statistics
import sys
import time

import os  # noqa: E402
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import speed_threads  # noqa: E402

speed_threads.limit(4, '1')  # before torch: OpenMP reads it once
import torch

from s2hand_reference import Decoder, Encoder, Mano, TextureLight

mano_npz, batch = sys.argv[1], int(sys.argv[2])
repeats = int(sys.argv[3]) if len(sys.argv) > 3 else 10
torch.set_num_threads(int(sys.argv[4]) if len(sys.argv) > 4 else 1)
torch.manual_seed(1)
encoder, decoder, texture = Encoder().eval(), Decoder().eval(), TextureLight().eval()
mano = Mano(mano_npz)
x = torch.rand(batch, 3, 224, 224)
times = []
cpu = []
with torch.no_grad():
    for i in range(repeats + 3):
        c = time.thread_time()
        t = time.perf_counter()
        features, low = encoder(x)
        pose, shape, trans, rot, scale = decoder.hand_decode(features)
        joints, verts = mano(pose, rot, scale, trans)
        textures, lights = texture(low)
        if i >= 3:
            times.append((time.perf_counter() - t) * 1000)
            cpu.append((time.thread_time() - c) * 1000)
print('torch %s threads %d batch %d: thread CPU median %.1f ms, wall median %.1f ms (min %.1f)' % (
    torch.__version__, torch.get_num_threads(), batch, statistics.median(cpu), statistics.median(times),
    min(times)))
