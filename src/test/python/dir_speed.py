#!/usr/bin/python3
"""Times dir_reference.py's DIR (the published shape) forward on the CPU, as DirBench times ambidex's.

  /usr/bin/python3 dir_speed.py BATCH RUNS [THREADS]     (2 warm-up calls, then RUNS timed; prints the medians of
  the calling thread's CPU time and of wall time)
"""
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import speed_threads  # noqa: E402

speed_threads.limit(3, None)  # before torch: OpenMP reads it once
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import dir_reference  # noqa: E402

if __name__ == '__main__':
    batch, runs = int(sys.argv[1]), int(sys.argv[2])
    if len(sys.argv) > 3:
        torch.set_num_threads(int(sys.argv[3]))
    model = dir_reference.build(64, 256, 128, 64, 11)
    x = torch.rand(batch, 3, 256, 256, generator=torch.Generator().manual_seed(2)) * 4 - 2
    times = []
    cpu = []
    with torch.no_grad():
        for i in range(2 + runs):
            t = time.perf_counter()
            c = time.thread_time()
            model(x)
            if i >= 2:
                times.append(time.perf_counter() - t)
                cpu.append(time.thread_time() - c)
    times.sort()
    cpu.sort()
    print('batch %d, %d threads: median thread CPU %.0f ms, wall %.0f ms per batch (wall %s)' % (
          batch, torch.get_num_threads(), 1000 * cpu[len(cpu) // 2], 1000 * times[len(times) // 2],
          ', '.join('%.0f' % (1000 * t) for t in times)))
