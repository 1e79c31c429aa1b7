#!/usr/bin/env bash
# GRPO steps per second of the product (`rlvr run`, one libtorch thread) against the same loop written as a plain
# PyTorch script (bench/pytorch/grpo_loop.py, Debian's python3-torch over the same libtorch 1.13, one thread):
# the quickstart's model and GRPO settings, addition/2 and /3, B = 32, G = 8, max_new_tokens 8, both sides from
# random weights. Each side runs STEPS timed steps after 2 untimed ones, RUNS times alternately; the best run of
# each is reported (on a shared machine other jobs only add time). "One thread" is libtorch's intra-op count on
# both sides; the product samples in two batches, one per rollout worker, concurrently,
# while the script samples all B x G rows in one batch. The product runs its default, pinned AVX2 kernels; the script
# runs libtorch's own choice for this CPU, as a user's script would (bench/cpu-kernels.sh measures the difference).
# The product runs twice per round: step by step, and pipelined (`pipeline: true`: the next step's rollouts during
# this step's update).
# Usage: bench/pytorch-vs-product.sh [STEPS=20] [RUNS=2]
set -euo pipefail
cd "$(dirname "$0")/.."
steps=${1:-20}
runs=${2:-2}
warmup=2
out=artifacts/pytorch-vs-product
python=/usr/bin/python3  # Debian's interpreter, the one python3-torch installs into

if ! dpkg-query -W -f='${Status}' python3-torch 2>/dev/null | grep -q "install ok installed"; then
  sudo=""
  [[ $(id -u) -eq 0 ]] || sudo="sudo"
  for attempt in 1 2 3 4 5 6 7 8 9 10; do  # apt may be locked by another job for a while
    $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends python3-torch >/dev/null && break
    ((attempt < 10)) || exit 1
    echo "apt-get failed (locked?); retrying in 30 s" >&2
    sleep 30
  done
fi
dotnet build src/Cli -c Release -v quiet -nologo > /dev/null

rm -rf "$out"
mkdir -p "$out"
{ echo "pipeline: true"; cat bench/step-speed.yaml; } > "$out/pipelined.yaml"

for run in $(seq "$runs"); do
  echo "== run $run/$runs: PyTorch" >&2
  /usr/bin/time -f %M -o "$out/pytorch-$run.rss" "$python" bench/pytorch/grpo_loop.py --steps "$steps" --warmup "$warmup" --threads 1 --levels 2 3 --seed 42 \
    | tee "$out/pytorch-$run.log" | tail -1 >&2
  echo "== run $run/$runs: product" >&2
  /usr/bin/time -f %M -o "$out/product-$run.rss" dotnet src/Cli/bin/Release/net10.0/rlvr.dll run bench/step-speed.yaml --steps $((steps + warmup)) \
    --data-dir "$out/data-$run" --threads 1 > "$out/product-$run.log" 2>&1
  echo "== run $run/$runs: product, pipelined" >&2
  /usr/bin/time -f %M -o "$out/pipelined-$run.rss" dotnet src/Cli/bin/Release/net10.0/rlvr.dll run "$out/pipelined.yaml" --steps $((steps + warmup)) \
    --data-dir "$out/pipelined-data-$run" --threads 1 > "$out/pipelined-$run.log" 2>&1
done

"$python" - "$out" "$runs" "$warmup" <<'PY'
import glob, json, re, sys
out, runs, warmup = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])

def peak_rss_mb(name, run):
    return round(int(open(f"{out}/{name}-{run}.rss").read().split()[-1]) / 1024)

def pytorch(run):
    lines = open(f"{out}/pytorch-{run}.log").read().splitlines()
    return json.loads(lines[-1]) | {"peak_rss_mb": peak_rss_mb("pytorch", run)}

def waits(every, i, pipelined):
    """What step i waits for beyond sampling, verification and the update: the orchestration on its critical path.
    Bookkeeping runs beside the update; pipelined, so does the next step's generation (timed in the next step's row)."""
    p = every[i]["phases"]
    sampling = lambda q: q["rollout_ms"] + q["verification_ms"]
    compute = (max(p["update_ms"], sampling(every[i + 1]["phases"]) if i + 1 < len(every) else 0) if pipelined
               else p["update_ms"] + sampling(p))
    return p["wall_ms"] - p["evaluation_ms"] - compute

def product(run, name="product", data="data", pipelined=False):
    every = [json.loads(l) for l in open(glob.glob(f"{out}/{data}-{run}/*/metrics.jsonl")[0])]
    steps = every[warmup:]
    # Cross-check: the CLI's wall time from the end of Create to the end (host stop and 250 ms polling included)
    # against the steps' wall times: an upper bound on the time spent between steps.
    log = open(f"{out}/{name}-{run}.log").read()
    created, total = (float(re.search(pattern + r" ([\d.]+) s", log)[1]) for pattern in ("baseline evaluation:", "total wall time"))
    outside = ((total - created) * 1000 - sum(s["phases"]["wall_ms"] for s in every)) / len(every)
    ph = [s["phases"] for s in steps]
    # A step's time: its wall time but the held-out evaluation that the last step runs. Pipelined, the phases overlap.
    seconds = sum(p["wall_ms"] - p["evaluation_ms"] for p in ph) / 1000
    mean = lambda f: sum(f(p) for p in ph) / len(ph)
    return {"steps": len(steps), "seconds": round(seconds, 3), "steps_per_second": round(len(steps) / seconds, 4),
            "rollout_ms_mean": round(mean(lambda p: p["rollout_ms"] + p["verification_ms"]), 2),
            "update_ms_mean": round(mean(lambda p: p["update_ms"]), 2),
            "other_ms_mean": round(mean(lambda p: p["selection_ms"] + p["bookkeeping_ms"]), 2),
            "waits_ms_mean": round(sum(waits(every, warmup + i, pipelined) for i in range(len(steps))) / len(steps), 2),
            "outside_phases_ms_max": round(outside, 1),
            "tokens_mean": sum(s["tokens"] for s in steps) / len(steps), "peak_rss_mb": peak_rss_mb(name, run)}

py = [pytorch(r) for r in range(1, runs + 1)]
pr = [product(r) for r in range(1, runs + 1)]
pp = [product(r, "pipelined", "pipelined-data", pipelined=True) for r in range(1, runs + 1)]
for name, results in (("pytorch", py), ("product", pr), ("pipelined", pp)):
    for r, x in enumerate(results, 1):
        print(f"{name} run {r}: {json.dumps(x)}")
best_py, best_pr, best_pp = (max(x, key=lambda r: r["steps_per_second"]) for x in (py, pr, pp))
print(f"\n{'best of ' + str(runs):<12}{'steps/s':>9}{'rollout ms':>12}{'update ms':>11}{'other ms':>10}{'waits ms':>10}"
      f"{'waits %':>9}{'tokens/step':>13}{'peak RSS MB':>13}")
for name, x in (("PyTorch", best_py), ("product", best_pr), ("pipelined", best_pp)):
    waits = x.get("waits_ms_mean", 0)
    print(f"{name:<12}{x['steps_per_second']:>9.3f}{x['rollout_ms_mean']:>12.1f}{x['update_ms_mean']:>11.1f}"
          f"{x.get('other_ms_mean', 0):>10.1f}{waits:>10.1f}{waits * x['steps_per_second'] / 10:>9.2f}"
          f"{x['tokens_mean']:>13.1f}{x['peak_rss_mb']:>13}")
print("other: selection and bookkeeping, the orchestration's work; waits: the step's time outside rollout, verification "
      "and update, the orchestration on its critical path")
print(f"product / PyTorch steps per second: {best_pr['steps_per_second'] / best_py['steps_per_second']:.3f}; "
      f"pipelined / PyTorch: {best_pp['steps_per_second'] / best_py['steps_per_second']:.3f}")
rss = {n: max(x["peak_rss_mb"] for x in r) for n, r in (("pytorch", py), ("product", pr), ("pipelined", pp))}
print(f"peak RSS, highest of {runs}: product / PyTorch {rss['product'] / rss['pytorch']:.2f}, "
      f"pipelined / PyTorch {rss['pipelined'] / rss['pytorch']:.2f}")
PY
