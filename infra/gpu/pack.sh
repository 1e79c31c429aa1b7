#!/usr/bin/env bash
# Packs what a lent GPU machine (CUDA and PyTorch, but no .NET SDK and no network) needs for infra/gpu/rehearse.sh:
# `rlvr` and the learner check (infra/gpu/Rlvr.Gpu.Check), self-contained for linux-x64 in one folder (they share the
# runtime), the shim's sources, the campaign and the bf16 delta check (with the Python client it checks against), as artifacts/gpu/bundle.tar.xz (about 45 MB; the device tool carries
# 64 MiB at most: run it with carry ["artifacts/gpu"]).
# Usage: infra/gpu/pack.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
out=artifacts/gpu
rm -rf "$out"
mkdir -p "$out/bundle"
for project in src/Cli infra/gpu/Rlvr.Gpu.Check; do
  dotnet publish "$project" -c Release -r linux-x64 --self-contained true -o "$out/bundle/bin" -v quiet -nologo > /dev/null
done
cp -r src/Torch/native "$out/bundle/native"
cp bench/step-speed.yaml "$out/bundle/campaign.yaml"
mkdir "$out/bundle/python"
cp infra/gpu/bf16_delta.py clients/python/rlvr_trainer.py "$out/bundle/python/"
tar -C "$out" -cJf "$out/bundle.tar.xz" bundle
rm -rf "$out/bundle"
echo "$out/bundle.tar.xz: $(du -h "$out/bundle.tar.xz" | cut -f1)"
