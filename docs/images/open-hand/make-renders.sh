#!/usr/bin/env bash
# Renders of the open hand model shown in docs/HAND_MODEL.md, made with `ambidex render`.
# The pose parameters come from the test-side named poses (RenderParamsTest); the left hand of the clasp is
# posed with `ambidex pose` on the mirrored model written by `ambidex handmodel build --side left`.
set -euo pipefail
root="$(cd "$(dirname "$0")/../../.." && pwd)"
out="$root/docs/images/open-hand"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$root"
./mvnw -q -B test -Dtest=RenderParamsTest -Dopenhand.params="$work" >/dev/null
for pose in rest fist pinch point spread; do
  ./ambidex render --quiet --params "$work/$pose.json" --flat-hand-mean --views --panel-size 360 --out "$out/$pose.png"
done
./ambidex handmodel build --side left --out "$work/left.npz" >/dev/null
./ambidex pose --quiet --model "$work/left.npz" --side left --flat-hand-mean --params "$work/clasp-left.json" \
  --out "$work/clasp-left.obj"
./ambidex render --quiet --params "$work/clasp-right.json" --flat-hand-mean --mesh "$work/clasp-left.obj" --views \
  --panel-size 360 --out "$out/clasp.png"
