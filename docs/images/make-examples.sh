#!/usr/bin/env bash
# Makes the example pictures of docs/images with the ambidex command (no picture is edited by hand).
# The hand model is ambidex's open hand model (the default); pass a MANO folder as $1 to use MANO instead.

set -euo pipefail
cd "$(dirname "$0")/../.."
model="${1:-open}"
out=docs/images
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# Two hands (right orange, left blue) with their 21-joint skeletons, framed from the front.
./ambidex render --model "$model" --params $out/right.json --left-params $out/left.json \
  --skeleton --size 512 512 --out $out/render-two-hands.png
# A ground truth: the right hand a little turned, written as OBJ by 'ambidex pose'.
echo '{"global_orient": [0.35, 0.25, 0.1], "transl": [0.062, 0.004, 0.003]}' > "$tmp/gt.json"
./ambidex pose --model "$model" --params "$tmp/gt.json" --out "$tmp/gt.obj"
# The view sheet: camera, side, top and oblique views, with the ground truth in green.
./ambidex render --model "$model" --params $out/right.json --left-params $out/left.json \
  --gt-mesh "$tmp/gt.obj" --views --panel-size 384 --out $out/render-view-sheet.png
