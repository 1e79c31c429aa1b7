#!/usr/bin/env bash
# The external-trainer protocol's overhead per step (issue 18): the plain PyTorch GRPO loop alone
# (bench/pytorch/grpo_loop.py: 32 prompts x 8 completions a step, levels 2 and 3, one thread) against the same loop
# driven by a campaign (bench/pytorch/external_trainer.py on bench/trainer/overhead.yaml: the same shapes, one lease a
# round, no filter or replay): the median step time of each after 2 warm-up steps, and their ratio. The silo shares
# the machine, as it would beside a trainer. Usage: bench/trainer-overhead.sh [steps=20]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
port=5394
steps="${1:-20}"
python=/usr/bin/python3  # Debian's interpreter, the one python3-torch installs into
cleanup() { [[ -n "${silo:-}" ]] && kill "$silo" 2>/dev/null; wait 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
"$root/infra/setup.sh" --with-python-torch
dotnet build "$root/src/Client/Rlvr.Cli" -c Release -v quiet -nologo -o "$work/cli" > /dev/null

"$python" "$root/bench/pytorch/grpo_loop.py" --steps "$steps" --warmup 2 --levels 2 3 --threads 1 > "$work/alone.log"

dotnet "$work/cli/rlvr.dll" silo --data-dir "$work/data" --listen "http://127.0.0.1:$port" --threads 1 > "$work/silo.log" 2>&1 &
silo=$!
until grep -q "silo up" "$work/silo.log" 2>/dev/null; do sleep 0.1; kill -0 "$silo" || { cat "$work/silo.log"; exit 1; }; done
sed "s/^steps: .*/steps: $((steps + 2))/" "$root/bench/trainer/overhead.yaml" > "$work/overhead.yaml"
"$python" - "$work/overhead.yaml" "http://127.0.0.1:$port" <<'PY'
import json, sys, urllib.request
body = json.dumps({"id": "overhead", "config": open(sys.argv[1]).read()}).encode()
urllib.request.urlopen(urllib.request.Request(f"{sys.argv[2]}/api/v1/campaigns", body, {"Content-Type": "application/json"})).read()
PY
"$python" "$root/bench/pytorch/external_trainer.py" --server "http://127.0.0.1:$port" --campaign overhead --threads 1 \
  > "$work/driven.log"

"$python" - "$work/alone.log" "$work/driven.log" <<'PY'
import json, re, statistics, sys
alone = [float(m[0]) + float(m[1]) for m in re.findall(r"step \d+: rollout ([\d.]+) ms, update ([\d.]+) ms", open(sys.argv[1]).read())]
lines = re.findall(r"^step \d+: .*, protocol ([\d.]+) ms, ([\d.]+) ms$", open(sys.argv[2]).read(), re.M)[2:]
driven, protocol = [float(m[1]) for m in lines], [float(m[0]) for m in lines]
a, d = statistics.median(alone), statistics.median(driven)
print(json.dumps({"alone_ms": round(a, 1), "driven_ms": round(d, 1), "overhead": f"{100 * (d / a - 1):+.1f}%",
                  "protocol_ms": round(statistics.median(protocol), 1), "steps": [len(alone), len(driven)]}))
PY
