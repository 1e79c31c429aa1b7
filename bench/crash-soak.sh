#!/usr/bin/env bash
# Crash soak: the crash tests' small campaign (tests/Rlvr.Integration.Tests/ResumeCampaign.cs), killed with kill -9 at
# random moments (not at named kill points: anywhere, native code included), restarted each time until it completes,
# then compared with an uninterrupted run (final weights hash, curriculum and replay blobs, metrics without timings,
# evaluations). Reports kills, trials and divergences.
# Usage: bench/crash-soak.sh [trials] [max kills per trial] [seed]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
trials="${1:-10}"
kills="${2:-3}"
RANDOM="${3:-1}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
dotnet build "$root/src/Client/Rlvr.Cli" -c Release -v quiet -nologo -o "$work/bin" > /dev/null
sed -n '/Yaml = """/,/""";/p' "$root/tests/Rlvr.Integration.Tests/ResumeCampaign.cs" | sed '1d;$d' | sed 's/^        //' > "$work/soak.yaml"
mkdir -p "$work/warm-start"
# exec: the background job's PID is rlvr's own, so kill -9 hits the process itself, not a wrapping subshell.
run() { ln -sfn "$work/warm-start" "$1/warm-start"; exec dotnet "$work/bin/rlvr.dll" run "$work/soak.yaml" --data-dir "$1" --threads 1 --listen http://127.0.0.1:0; }
outcome() {  # data directory -> one comparable summary
  python3 - "$1" <<'PY'
import glob, json, os, sys
data = sys.argv[1]
campaign = [d for d in glob.glob(os.path.join(data, "*")) if os.path.exists(os.path.join(d, "metrics.jsonl"))][0]
owner = os.path.basename(campaign)
latest = sorted(glob.glob(os.path.join(data, "checkpoints", owner, "*")))[-1]
manifest = json.load(open(os.path.join(latest, "manifest.json")))
blobs = {b["name"]: b["sha256"] for b in manifest["blobs"] if b["name"] not in ("campaign", "policy")}
metrics = []
for line in open(os.path.join(campaign, "metrics.jsonl")):
    m = json.loads(line); m.pop("phases"); metrics.append(m)
print(json.dumps({"checkpoint": manifest["sequence"], "weights": manifest["metadata"]["weights_hash"], "blobs": blobs,
                  "metrics": metrics, "evaluations": open(os.path.join(campaign, "evaluations.jsonl")).read()}, sort_keys=True))
PY
}
mkdir -p "$work/reference"
start=$(date +%s.%N); (run "$work/reference") > "$work/reference.log" 2>&1; took=$(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { printf "%.2f", b - a }')
reference="$(outcome "$work/reference")"
echo "reference run: ${took} s"
total_kills=0; divergences=0
for trial in $(seq "$trials"); do
  data="$work/trial-$trial"; mkdir -p "$data"
  for k in $(seq "$kills"); do
    delay=$(awk -v r="$RANDOM" -v t="$took" 'BEGIN { printf "%.2f", (r % 1000) / 1000 * t }')
    run "$data" > "$work/trial.log" 2>&1 & pid=$!
    sleep "$delay"
    if kill -9 "$pid" 2>/dev/null; then total_kills=$((total_kills + 1)); echo "trial $trial: killed after ${delay} s"; fi
    wait "$pid" 2>/dev/null || true
  done
  (run "$data") > "$work/trial.log" 2>&1 || { echo "trial $trial: the final run failed"; cat "$work/trial.log"; divergences=$((divergences + 1)); continue; }
  if [[ "$(outcome "$data")" == "$reference" ]]; then echo "trial $trial: identical"; else echo "trial $trial: DIVERGED"; divergences=$((divergences + 1)); fi
done
echo "kills: $total_kills, trials: $trials, divergences: $divergences"
