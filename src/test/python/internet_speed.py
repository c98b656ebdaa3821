#!/usr/bin/python3
"""The same InterNet (ResNet-50) in PyTorch on the CPU, timed as InterNetBench times ambidex: network forward and
the reference's hard-argmax decoding, evaluation mode, no gradients. Prints the median milliseconds per batch.

  /usr/bin/python3 internet_speed.py BATCH [REPEATS [THREADS]]
"""
import statistics
import sys
import time

import os  # noqa: E402
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import speed_threads  # noqa: E402

speed_threads.limit(3, None)  # before torch: OpenMP reads it once
import torch

from internet_reference import InterNet, decode

batch = int(sys.argv[1])
repeats = int(sys.argv[2]) if len(sys.argv) > 2 else 10
if len(sys.argv) > 3:
    torch.set_num_threads(int(sys.argv[3]))
torch.manual_seed(1)
model = InterNet(50, 64, 21, 64, 256, 512, 64).eval()
x = torch.rand(batch, 3, 256, 256)
times = []
with torch.no_grad():
    for i in range(repeats + 2):
        t = time.perf_counter()
        heat, root, hand = model(x)
        decode(heat)
        if i >= 2:
            times.append((time.perf_counter() - t) * 1000)
print('torch %s threads %d batch %d: median %.1f ms per batch, %.2f images/s' % (
    torch.__version__, torch.get_num_threads(), batch, statistics.median(times),
    batch * 1000 / statistics.median(times)))
