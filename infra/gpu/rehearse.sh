#!/usr/bin/env bash
# The GPU path in one script, for a lent GPU machine, rehearsed here on the CPU (the same script; without CUDA the
# GPU-role silo trains on its CPU, and says so):
#   1. unpacks the bundle infra/gpu/pack.sh made (self-contained: no .NET needed there);
#   2. builds the shim against this machine's PyTorch libtorch (CUDA when PyTorch has it; without PyTorch, against the
#      system libtorch, as here);
#   3. runs the learner checks and times the GRPO step and sampling on the device against the CPU (Rlvr.Gpu.Check);
#   3b. keeps a bf16 rollout copy of a PyTorch model on the device and encodes the changed words between its versions
#      there (bf16_delta.py: unchanged share, delta size, every version rebuilt bit for bit, on the device and by the
#      Python client's decoder); skipped where PyTorch is not importable;
#   4. starts a CPU silo and a GPU-role silo beside it (Orleans' development membership and one SQLite data directory,
#      so no Redis, Azure or network), runs a short campaign created through the CPU silo, and prints where the
#      learner was placed, its device, and the update and rollout times per step.
# Usage: infra/gpu/rehearse.sh [bundle.tar.xz] [steps]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
bundle=${1:-$here/../../artifacts/gpu/bundle.tar.xz}
steps=${2:-12}
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT
tar -C "$work" -xJf "$bundle"
bin=$work/bundle/bin

if prefix=$(python3 -c 'import torch; print(torch.utils.cmake_prefix_path)' 2>/dev/null); then
  echo "libtorch: PyTorch $(python3 -c 'import torch; print(torch.__version__, "CUDA", torch.version.cuda)') ($prefix)"
else
  prefix=""
  echo "libtorch: no PyTorch here; the system libtorch (a CPU rehearsal)"
fi
cmake -S "$work/bundle/native" -B "$work/native" -DCMAKE_BUILD_TYPE=Release ${prefix:+-DCMAKE_PREFIX_PATH="$prefix"} > "$work/cmake.log"
cmake --build "$work/native" -j "$(nproc)" >> "$work/cmake.log"
cp "$work/native/librlvr_torch.so" "$bin/"

echo "== learner checks and timings"
"$bin/Rlvr.Gpu.Check"

echo "== the bf16 rollout copy's delta encoder on the device"
if python3 -c 'import torch' 2>/dev/null; then
  PYTHONPATH="$work/bundle/python" python3 "$work/bundle/python/bf16_delta.py"
else
  echo "skipped: this python3 has no PyTorch (infra/gpu/bf16_delta.py runs under one that has)"
fi

echo "== a CPU silo and a GPU-role silo, one campaign of $steps steps"
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
export RLVR_Silo__Membership=Development RLVR_Silo__ClusterId=gpu RLVR_Silo__ServiceId=gpu
silo() { # name role log [environment...]
  local name=$1 role=$2 log=$3; shift 3
  (env "$@" "$bin/rlvr" silo --data-dir "$work/data" --listen http://127.0.0.1:0 --role "$role" --name "$name" > "$log" 2>&1) &
  for _ in $(seq 1 600); do
    grep -q "silo up" "$log" && { grep -o "API on [^ ,]*" "$log" | cut -d' ' -f3; return; }
    sleep 0.1
  done
  echo "$name did not start:" >&2; cat "$log" >&2; exit 1
}
cpu=$(silo cpu-1 cpu "$work/cpu.log" RLVR_Silo__Port="$port")
silo gpu-1 gpu "$work/gpu.log" RLVR_Silo__PrimarySilo="127.0.0.1:$port" > /dev/null
python3 - "$cpu" "$work/bundle/campaign.yaml" "$steps" <<'PY'
import json, statistics, sys, time, urllib.request
server, config, steps = sys.argv[1].rstrip("/"), open(sys.argv[2]).read(), int(sys.argv[3])
def call(path, body=None):
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(f"{server}/api/v1/{path}", data=data, headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=600) as response:
        return json.loads(response.read())
while not any(s["gpu"] and s["status"] == "Active" for s in call("status")["cluster"]):
    time.sleep(0.2)
call("campaigns", {"id": "gpu", "config": config, "steps": steps, "start": True})
while (campaign := call("campaigns/gpu"))["status"] not in ("Completed", "Failed", "Stopped"):
    time.sleep(0.5)
print(f"campaign: {campaign['status']} at step {campaign['step']} {campaign.get('error') or ''}")
for silo in call("status")["cluster"]:
    print(f"  silo {silo['name']}: {'GPU' if silo['gpu'] else 'CPU'} role, learners on {silo['device']}")
metrics = call("campaigns/gpu/metrics?since=2")
for phase in ("update", "rollout", "wall"):
    print(f"  {phase}: {statistics.mean(m['phasesMs'][phase] for m in metrics):.1f} ms a step (mean of steps 3-{steps})")
PY
grep -h "Learner gpu activated" "$work/cpu.log" "$work/gpu.log" | sed 's/^/  /'
