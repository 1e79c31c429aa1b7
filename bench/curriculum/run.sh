#!/usr/bin/env bash
# The curriculum evaluation harness, as a sweep of the product: every strategy in strategies/ on a suite (suite.yaml:
# every level partly learned; --suite skewed, suite-skewed.yaml: levels saturated, in between and out of reach), for
# several seeds. It starts `rlvr silo` on its own data directory, writes the sweep file (the suite as base, the strategies
# as fragments, the seeds), runs `rlvr sweep create --watch` and prints `rlvr sweep show`'s comparison; report.py then
# adds the cost table, the ratios against uniform at the same seed (results.md) and the plot (accuracy-vs-rollouts.svg).
# Usage: bench/curriculum/run.sh [--suite skewed] [--seeds "1 2 3"] [--parallel 2] [--steps N] [--out bench/curriculum/results/<suite>] [strategy ...]
# (--parallel is the sweep's concurrency; --steps overrides the suite's step count; a strategy is a file of strategies/,
# the default set, or of ablations/, run when named.)
# Run again after an interruption, with the same arguments: the silo resumes the sweep (the same sweep file is the
# same sweep) and its campaigns where they stood; a finished sweep is shown as it is. Other strategies or seeds on the
# same --out are another sweep file under the same id: the silo refuses it (409); use another --out.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
seeds="1 2 3"
parallel=2
out=""
suite="$here/suite.yaml"
name=graded
strategies=()
steps=""
while (($#)); do
  case "$1" in
    --suite) suite="$here/suite-$2.yaml"; name="$2"; shift 2 ;;
    --seeds) seeds="$2"; shift 2 ;;
    --parallel) parallel="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    --steps) steps="$2"; shift 2 ;;
    *) strategies+=("$1"); shift ;;
  esac
done
out="$(mkdir -p "${out:-$here/results/$name}" && cd "${out:-$here/results/$name}" && pwd)"
((${#strategies[@]})) || strategies=($(cd "$here/strategies" && ls *.yaml | sed 's/\.yaml$//'))

"$root/infra/setup.sh"
# The sweep runs its own copy of the CLI, so rebuilding the tree meanwhile cannot change a sweep half-way.
dotnet build "$root/src/Cli" -c Release -v quiet -nologo -o "$out/bin"
rlvr() { dotnet "$out/bin/rlvr.dll" "$@"; }

# The sweep file: uniform first (the reference), each strategy once.
{
  echo "id: $name"
  echo "base: $suite"
  [[ -z $steps ]] || echo "steps: $steps"
  echo "concurrency: $parallel"
  echo "reference: uniform"
  echo "axes:"
  echo "  strategy:"
  for k in uniform "${strategies[@]}"; do
    file="$here/strategies/$k.yaml"
    [[ -f $file ]] || file="$here/ablations/$k.yaml"
    echo "    $k: $file"
  done | awk '!seen[$1]++'
  echo "  seed: [$(echo $seeds | sed 's/ /, /g')]"
} > "$out/$name.yaml"

# One silo for the whole sweep; one libtorch thread, so the campaigns it runs side by side share the cores.
dotnet "$out/bin/rlvr.dll" silo --data-dir "$out/data" --listen http://127.0.0.1:0 --threads 1 > "$out/silo.log" 2>&1 &
silo=$!
trap 'kill $silo 2>/dev/null; wait $silo 2>/dev/null || true' EXIT
until grep -q 'silo up; API on' "$out/silo.log"; do
  kill -0 $silo 2>/dev/null || { cat "$out/silo.log"; exit 1; }
  sleep 1
done
export RLVR_SERVER=$(grep -o 'silo up; API on [^ ,]*' "$out/silo.log" | sed 's/.* on //')
rlvr sweep create "$out/$name.yaml" --watch | tee "$out/sweep.log"
rlvr sweep show "$name" > "$out/sweep-table.txt"

grep -E '^\s+group_size:' "$suite" | awk '{print $2}' > "$out/group_size"
grep -E '^\s+prompts_per_step:' "$suite" | awk '{print $2}' > "$out/batch_size"
python3 "$here/report.py" "$out" "$name"
