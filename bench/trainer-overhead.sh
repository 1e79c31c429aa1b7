#!/usr/bin/env bash
# The external-trainer protocol's overhead per step (issue 18): the plain PyTorch GRPO loop alone
# (bench/pytorch/grpo_loop.py: 32 prompts x 8 completions a step, levels 2 and 3, one thread) against the same loop
# driven by a campaign (bench/pytorch/external_trainer.py on bench/trainer/overhead.yaml: the same shapes, one lease a
# round, no filter or replay): the median step time of each after 2 warm-up steps, and their ratio. The silo shares
# the machine, as it would beside a trainer. Usage: bench/trainer-overhead.sh [steps=20]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
port=5394
steps="${1:-20}"
python=/usr/bin/python3  # Debian's interpreter, the one python3-torch installs into
source "$root/bench/silo.sh"
"$root/infra/setup.sh" --with-python-torch

"$python" "$root/bench/pytorch/grpo_loop.py" --steps "$steps" --warmup 2 --levels 2 3 --threads 1 > "$work/alone.log"

start_silo "$port" --threads 1
sed "s/^steps: .*/steps: $((steps + 2))/" "$root/bench/trainer/overhead.yaml" > "$work/overhead.yaml"
create_campaign "http://127.0.0.1:$port" overhead "$work/overhead.yaml"
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
