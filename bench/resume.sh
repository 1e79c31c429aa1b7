#!/usr/bin/env bash
# Resume latency for the default model (examples/quickstart.yaml: width 128, 4 layers): a campaign is killed with
# kill -9 at the start of step 3 (latest checkpoint: step 1), then the same command is started again. Reports the time
# from that process start to the restore from the checkpoint, and to the first resumed step (step 2) being done.
# Usage: bench/resume.sh [runs] [warm-start cache dir to copy, to skip training the warm start]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
runs="${1:-3}"
cache="${2:-}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
dotnet build "$root/src/Client/Rlvr.Cli" -c Release -v quiet -nologo -o "$work/bin" > /dev/null
rlvr=(dotnet "$work/bin/rlvr.dll" run "$root/examples/quickstart.yaml" --steps 4)
now() { date +%s.%N; }
for run in $(seq "$runs"); do
  data="$work/data-$run"
  mkdir -p "$data/warm-start"
  [[ -n "$cache" ]] && cp "$cache"/*.policy "$data/warm-start/"
  RLVR_KILL_POINT=step-start:3 "${rlvr[@]}" --data-dir "$data" > "$work/first.log" 2> "$work/first.err" &
  pid=$!
  until grep -q "kill-point" "$work/first.err" 2>/dev/null; do sleep 0.05; done
  kill -9 "$pid"; wait "$pid" 2>/dev/null || true
  metrics="$(ls "$data"/quickstart-*/metrics.jsonl)"
  start=$(now)
  "${rlvr[@]}" --data-dir "$data" > "$work/second.log" 2>&1 &
  pid=$!
  until grep -q "restored from checkpoint" "$work/second.log" 2>/dev/null; do sleep 0.02; done
  restored=$(now)
  until grep -q '"step":2,' "$metrics" 2>/dev/null; do sleep 0.02; done
  stepped=$(now)
  wait "$pid"
  awk -v r="$run" -v a="$start" -v b="$restored" -v c="$stepped" \
    'BEGIN { printf "run %d: process start -> restored from checkpoint %.2f s, -> first resumed step done %.2f s\n", r, b - a, c - a }'
done
