#!/usr/bin/env bash
# Installs the Khronos glTF validator (npm package gltf-validator, version pinned by
# tools/gltf-validator/package-lock.json) for GlbValidatorTest.
set -euo pipefail
cd "$(dirname "$0")/../../tools/gltf-validator"
npm ci --no-audit --no-fund --loglevel=error
