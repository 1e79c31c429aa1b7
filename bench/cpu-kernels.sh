#!/usr/bin/env bash
# What the CPU kernel pin costs: GRPO steps per second of `rlvr run bench/step-speed.yaml` (one libtorch thread) with
# the pinned AVX2 kernels (the default) against each library's native choice for this CPU (--cpu-kernels native) and,
# on a CPU with AVX-512, against the AVX-512 kernels forced through the libraries' own variables (native may not pick
# them: libtorch 1.13 and Debian's OpenBLAS chose AVX2 on an AVX-512 AMD EPYC). Each choice runs STEPS timed steps after 2 untimed ones, RUNS times, alternately; the best run of each is reported
# (on a shared machine other jobs only add time), with the kernels each run printed.
# Usage: bench/cpu-kernels.sh [STEPS=20] [RUNS=3]
set -euo pipefail
cd "$(dirname "$0")/.."
steps=${1:-20}
runs=${2:-3}
warmup=2
out=artifacts/cpu-kernels
dotnet build src/Cli -c Release -v quiet -nologo > /dev/null

choices=(pinned native)
grep -qw avx512f /proc/cpuinfo && choices+=(avx512)

rm -rf "$out"
mkdir -p "$out"
for run in $(seq "$runs"); do
  for choice in "${choices[@]}"; do
    echo "== run $run/$runs: $choice" >&2
    kernels=$choice forced=()
    [[ $choice == avx512 ]] && kernels=native forced=(OPENBLAS_CORETYPE=SkylakeX ATEN_CPU_CAPABILITY=avx512)
    env "${forced[@]}" dotnet run -c Release --no-build --project src/Cli -- run bench/step-speed.yaml \
      --steps $((steps + warmup)) --data-dir "$out/$choice-$run" --threads 1 --cpu-kernels "$kernels" \
      --listen http://127.0.0.1:0 > "$out/$choice-$run.log" 2>&1
  done
done

python3 - "$out" "$runs" "$warmup" "${choices[@]}" <<'PY'
import glob, json, re, sys
out, runs, warmup, choices = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4:]

def run(kernels, number):
    steps = [json.loads(l) for l in open(glob.glob(f"{out}/{kernels}-{number}/*/metrics.jsonl")[0])][warmup:]
    # A step's time: its wall time but the held-out evaluation that the last step runs.
    seconds = sum(s["phases"]["wall_ms"] - s["phases"]["evaluation_ms"] for s in steps) / 1000
    log = open(f"{out}/{kernels}-{number}.log").read().replace("\n", "")
    return {"steps_per_second": len(steps) / seconds, "kernels": re.search(r"CPU kernels: (.*?\)?), data in", log)[1],
            "update_ms": sum(s["phases"]["update_ms"] for s in steps) / len(steps),
            "rollout_ms": sum(s["phases"]["rollout_ms"] for s in steps) / len(steps)}

best = {}
for kernels in choices:
    results = [run(kernels, n) for n in range(1, runs + 1)]
    for n, r in enumerate(results, 1):
        print(f"{kernels} run {n}: {r['steps_per_second']:.3f} steps/s, rollout {r['rollout_ms']:.1f} ms, "
              f"update {r['update_ms']:.1f} ms ({r['kernels']})")
    best[kernels] = max(results, key=lambda r: r["steps_per_second"])
pinned = best["pinned"]["steps_per_second"]
for other in choices[1:]:
    print(f"best of {runs}: pinned {pinned:.3f} steps/s, {other} {best[other]['steps_per_second']:.3f} steps/s; "
          f"pinned / {other}: {pinned / best[other]['steps_per_second']:.3f}")
PY
