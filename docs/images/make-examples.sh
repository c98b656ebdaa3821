#!/usr/bin/env bash
# Makes the example pictures of docs/images with the ambidex command (no picture is edited by hand).
# The hand model is the MANO-format test model of src/test/resources/fixtures/mano-format: its values are
# random, so the "hands" are noise shaped; rerun with --model open (or a MANO folder) for real hands.
set -euo pipefail
cd "$(dirname "$0")/../.."
model=src/test/resources/fixtures/mano-format
out=docs/images
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# Two hands (right orange, left blue) with their 21-joint skeletons, framed from the front.
./ambidex render --model "$model" --params $out/right.json --left-params $out/left.json \
  --skeleton --size 512 512 --out $out/render-two-hands.png
# A ground truth: the right hand a little turned, written as OBJ by 'ambidex pose'.
echo '{"global_orient": [0.35, 0.25, 0.1], "transl": [0.062, 0.004, 0.003]}' > "$tmp/gt.json"
./ambidex pose --model "$model/MANO_RIGHT.npz" --params "$tmp/gt.json" --out "$tmp/gt.obj"
# The view sheet: camera, side, top and oblique views, with the ground truth in green.
./ambidex render --model "$model" --params $out/right.json --left-params $out/left.json \
  --gt-mesh "$tmp/gt.obj" --views --panel-size 384 --out $out/render-view-sheet.png
