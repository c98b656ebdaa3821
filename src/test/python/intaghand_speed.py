#!/usr/bin/python3
"""IntagHand (the generator's torch network, intaghand_reference.py) on the CPU, timed as IntagHandBench times
ambidex: the forward pass in evaluation mode without gradients on MISC's checkpoint and graphs. Prints the median
milliseconds per batch.

  /usr/bin/python3 intaghand_speed.py MISC BATCH [REPEATS [THREADS]]
"""
import os
import statistics
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import speed_threads  # noqa: E402

speed_threads.limit(4, None)  # before torch: OpenMP reads it once
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from intaghand_reference import open_misc  # noqa: E402

misc = sys.argv[1]
batch = int(sys.argv[2])
repeats = int(sys.argv[3]) if len(sys.argv) > 3 else 5
if len(sys.argv) > 4:
    torch.set_num_threads(int(sys.argv[4]))
net = open_misc(misc)
x = torch.rand(batch, 3, 256, 256)
times = []
with torch.no_grad():
    for i in range(repeats + 2):
        t = time.perf_counter()
        net(x)
        if i >= 2:
            times.append((time.perf_counter() - t) * 1000)
print('torch %s threads %d batch %d: median %.1f ms per batch, %.2f images/s' % (
    torch.__version__, torch.get_num_threads(), batch, statistics.median(times),
    batch * 1000 / statistics.median(times)))
