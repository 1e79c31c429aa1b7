#!/usr/bin/env bash
# The curriculum evaluation harness: every strategy in strategies/ on a suite (suite.yaml: every level partly
# learned; --suite skewed, suite-skewed.yaml: levels saturated, in between and out of reach), for several seeds,
# then report.py: rollouts and training time each needs to reach uniform GRPO's final
# held-out accuracy (table: results.md) and held-out accuracy against rollouts (accuracy-vs-rollouts.svg).
# Usage: bench/curriculum/run.sh [--suite skewed] [--seeds "1 2 3"] [--parallel 2] [--steps N] [--out bench/curriculum/results/<suite>] [strategy ...]
# (--steps overrides the suite's step count, e.g. 200 for the quickstart's length; a strategy is a file of strategies/,
# the default sweep, or of ablations/, run when named.)
# A finished run is kept and skipped on the next invocation (the campaign's stored result is reused).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
seeds="1 2 3"
parallel=2
out=""
suite="$here/suite.yaml"
name=graded
strategies=()
steps_flag=""
while (($#)); do
  case "$1" in
    --suite) suite="$here/suite-$2.yaml"; name="$2"; shift 2 ;;
    --seeds) seeds="$2"; shift 2 ;;
    --parallel) parallel="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    --steps) steps_flag="--steps $2"; shift 2 ;;
    *) strategies+=("$1"); shift ;;
  esac
done
out="${out:-$here/results/$name}"
((${#strategies[@]})) || strategies=($(cd "$here/strategies" && ls *.yaml | sed 's/\.yaml$//'))

"$root/infra/setup.sh"
mkdir -p "$out"
# The sweep runs its own copy of the CLI, so rebuilding the tree meanwhile cannot change a sweep half-way.
dotnet build "$root/src/Client/Rlvr.Cli" -c Release -v quiet -nologo -o "$out/bin"
grep -E '^\s+group_size:' "$suite" | awk '{print $2}' > "$out/group_size"

run_one() {  # seed strategy
  # A data directory (and SQLite file) per run: processes running side by side share only the warm-start cache.
  local dir="$out/seed-$1/$2"
  mkdir -p "$dir/configs"
  ln -sfn ../../warm-start "$dir/warm-start"
  local strategy="$here/strategies/$2.yaml"
  [[ -f $strategy ]] || strategy="$here/ablations/$2.yaml"
  { echo "seed: $1"; cat "$suite" "$strategy"; } > "$dir/configs/$2.yaml"
  # One libtorch thread per campaign: $parallel campaigns share the cores.
  # shellcheck disable=SC2086 # steps_flag is empty or two words
  dotnet "$out/bin/rlvr.dll" run "$dir/configs/$2.yaml" --data-dir "$dir" --threads 1 --listen http://127.0.0.1:0 $steps_flag \
    > "$dir/$2.log" 2>&1 && echo "seed $1 $2: done" || echo "seed $1 $2: FAILED (see $dir/$2.log)"
}
export -f run_one
export out here root steps_flag suite

# Every seed shares the suite's base_seed, so one warm start serves the sweep: when it is not cached yet, uniform at the
# first seed trains and caches it alone; then the runs go $parallel at a time (so that their training times compare).
mkdir -p "$out/warm-start"
first=${seeds%% *}
solo=""
if ! compgen -G "$out/warm-start/*.policy" > /dev/null; then
  run_one "$first" uniform
  solo="$first-uniform"
fi
for s in $seeds; do for k in uniform "${strategies[@]}"; do [[ $s-$k == "$solo" ]] || echo "$s $k"; done; done | awk '!seen[$0]++' \
  | xargs -P "$parallel" -L1 bash -c 'run_one "$0" "$1"'
python3 "$here/report.py" "$out"
