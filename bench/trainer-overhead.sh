#!/usr/bin/env bash
# The external-trainer protocol's overhead per step (issue 18): the plain PyTorch GRPO loop alone
# (bench/pytorch/grpo_loop.py: 32 prompts x 8 completions a step, levels 2 and 3, one thread) against the same loop
# driven by a campaign (examples/external-trainer on bench/trainer/overhead.yaml: the same shapes, one lease a
# round, no filter or replay), alternating, `runs` times: the median step time of each after 2 warm-up steps, their
# ratio, the time the trainer spent in the protocol's calls, and the silo's own work per step (selection,
# verification and bookkeeping). The silo shares the machine, as it would beside a trainer; a 10-step campaign first
# warms it up (its JIT), as a long campaign would be.
# Usage: bench/trainer-overhead.sh [steps=20] [runs=3]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
port=5394
steps="${1:-20}"
runs="${2:-3}"
python=/usr/bin/python3  # Debian's interpreter, the one python3-torch installs into
source "$root/bench/silo.sh"
"$root/infra/setup.sh" --with-python-torch

start_silo "$port" --threads 1
sed "s/^steps: .*/steps: 10/" "$root/bench/trainer/overhead.yaml" > "$work/warm-up.yaml"
create_campaign "http://127.0.0.1:$port" warm-up "$work/warm-up.yaml"
"$root/examples/external-trainer/run.sh" --server "http://127.0.0.1:$port" --campaign warm-up --threads 1 > /dev/null
sed "s/^steps: .*/steps: $((steps + 2))/" "$root/bench/trainer/overhead.yaml" > "$work/overhead.yaml"
for run in $(seq "$runs"); do
  "$python" "$root/bench/pytorch/grpo_loop.py" --steps "$steps" --warmup 2 --levels 2 3 --threads 1 > "$work/alone-$run.log"
  create_campaign "http://127.0.0.1:$port" "overhead-$run" "$work/overhead.yaml"
  "$root/examples/external-trainer/run.sh" --server "http://127.0.0.1:$port" --campaign "overhead-$run" \
    --threads 1 > "$work/driven-$run.log"
  curl -sf "http://127.0.0.1:$port/api/v1/campaigns/overhead-$run/metrics" > "$work/metrics-$run.json"
  "$python" - "$work" "$run" <<'PY'
import json, re, statistics, sys
work, run = sys.argv[1:3]
def median(xs): return round(statistics.median(xs), 1)
alone = re.findall(r"step \d+: rollout ([\d.]+) ms, update ([\d.]+) ms", open(f"{work}/alone-{run}.log").read())
driven = re.findall(r"^step \d+: .*, sampling ([\d.]+) ms, training ([\d.]+) ms, protocol ([\d.]+) ms, ([\d.]+) ms$",
                    open(f"{work}/driven-{run}.log").read(), re.M)[2:]
metrics = json.load(open(f"{work}/metrics-{run}.json"))
steps = metrics["steps"] if isinstance(metrics, dict) else metrics
silo = [s["phasesMs"]["selection"] + s["phasesMs"]["verification"] + s["phasesMs"]["bookkeeping"] for s in steps[2:]]
a, d = median([float(r) + float(u) for r, u in alone]), median([float(m[3]) for m in driven])
print(json.dumps({"run": int(run), "alone_ms": a, "driven_ms": d, "overhead": f"{100 * (d / a - 1):+.1f}%",
                  "alone": {"rollout_ms": median([float(m[0]) for m in alone]), "update_ms": median([float(m[1]) for m in alone])},
                  "driven": {"sampling_ms": median([float(m[0]) for m in driven]), "training_ms": median([float(m[1]) for m in driven]),
                             "protocol_ms": median([float(m[2]) for m in driven])},
                  "silo_work_ms": median(silo), "steps": [len(alone), len(driven)]}), flush=True)
PY
done
