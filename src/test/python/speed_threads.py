"""Thread limit for the *_speed.py scripts. torch.set_num_threads(1) alone leaves Debian's torch 1.13 running some
convolutions on two OpenMP threads (process CPU twice the wall time), so a "one thread" timing would not be one; the
OpenMP and MKL limits must be in the environment before torch is imported."""
import os
import sys


def limit(argv_index, default=None):
    """Caps OpenMP and MKL at sys.argv[argv_index] threads (or `default`; None: leave them)."""
    n = sys.argv[argv_index] if len(sys.argv) > argv_index else default
    if n is not None:
        os.environ['OMP_NUM_THREADS'] = str(n)
        os.environ['MKL_NUM_THREADS'] = str(n)
