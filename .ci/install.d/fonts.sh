#!/usr/bin/env bash
# Java2D needs fontconfig and at least one font to draw labels (render overlays and view sheets).
set -euo pipefail
if command -v fc-list >/dev/null 2>&1 && [ -n "$(fc-list 2>/dev/null | head -1)" ]; then
  exit 0
fi
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
as_root apt-get update -qq
DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq fontconfig fonts-dejavu-core >/dev/null
