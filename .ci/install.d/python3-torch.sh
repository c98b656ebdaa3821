#!/usr/bin/env bash
# Installs Debian's PyTorch (1.13) and OpenCV Python bindings (a few minutes) for the InterNet comparison tests
# (src/test/python/internet_reference.py, intaghand_reference.py, which also needs SciPy for the graph pickles) and
# the OpenCV warp comparison (src/test/python/opencv_warp.py) and S2HAND's rotation augmentation with Pillow
# (src/test/python/s2hand_rotation_reference.py); without
# them those tests skip with a message.
set -euo pipefail
if /usr/bin/python3 -c 'import torch, numpy, cv2, scipy, PIL' 2>/dev/null; then
    exit 0
fi
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
if ! command -v apt-get >/dev/null 2>&1; then
    echo "python3-torch.sh: no apt-get; the PyTorch comparison tests will be skipped" >&2
    exit 0
fi
as_root apt-get update -qq
DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends python3-torch python3-opencv \
    python3-numpy python3-scipy python3-pil >/dev/null
