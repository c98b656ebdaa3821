#!/usr/bin/python3
"""Zhang et al. v2 in PyTorch on the CPU, timed as ZhangBench times ambidex: the forward pass of
zhang_reference.py's network (InterNet, mesh ResNet, cascade, MANO) on a random batch, evaluation mode, no
gradients. Prints the median milliseconds per batch.

  /usr/bin/python3 zhang_speed.py BATCH [REPEATS [THREADS]]
"""
import statistics
import sys
import time

import os  # noqa: E402
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import speed_threads  # noqa: E402

speed_threads.limit(3, '1')  # before torch: OpenMP reads it once
import torch

import zhang_reference as z

batch = int(sys.argv[1])
repeats = int(sys.argv[2]) if len(sys.argv) > 2 else 5
torch.set_num_threads(int(sys.argv[3]) if len(sys.argv) > 3 else 1)
gen = torch.Generator().manual_seed(1)
model = z.Model(gen)
z.randomise(model, gen)
model.eval()
x = torch.rand(batch, 3, 256, 256, generator=gen)
times = []
with torch.no_grad():
    for i in range(repeats + 1):
        t = time.perf_counter()
        model(x)
        if i >= 1:
            times.append((time.perf_counter() - t) * 1000)
print('torch %s threads %d batch %d: median %.1f ms per batch, %.2f images/s' % (
    torch.__version__, torch.get_num_threads(), batch, statistics.median(times),
    batch * 1000 / statistics.median(times)))
