#!/usr/bin/env bash
# Crash soak: the crash tests' small campaign (tests/Rlvr.Integration.Tests/ResumeCampaign.cs), killed with kill -9 at
# random moments (not at named kill points: anywhere, native code included), restarted each time until it completes,
# then compared with an uninterrupted run (final weights hash, curriculum and replay blobs, metrics without timings,
# evaluations). Reports kills, trials and divergences. With storage "azure", grain state, reminders and checkpoints go to
# Azure Storage on Azurite (started here, in memory; infra/setup.sh --with-azurite installs it), each trial in its own
# service id and container, and the final checkpoint and the logs are read through the API of a silo started on the
# trial's storage.
# Usage: bench/crash-soak.sh [trials] [max kills per trial] [seed] [sqlite|azure]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
trials="${1:-10}"
kills="${2:-3}"
RANDOM="${3:-1}"
storage="${4:-sqlite}"
work="$(mktemp -d)"
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT
dotnet build "$root/src/Cli" -c Release -v quiet -nologo -o "$work/bin" > /dev/null
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
if [[ "$storage" == azure ]]; then
  azurite="$root/.tools/azurite/node_modules/.bin/azurite"
  [[ -x "$azurite" ]] || { echo "Azurite is missing: run infra/setup.sh --with-azurite" >&2; exit 2; }
  blob=$(free_port); queue=$(free_port); table=$(free_port)
  "$azurite" --silent --inMemoryPersistence --skipApiVersionCheck --blobHost 127.0.0.1 --blobPort "$blob" \
    --queueHost 127.0.0.1 --queuePort "$queue" --tableHost 127.0.0.1 --tablePort "$table" > "$work/azurite.log" 2>&1 &
  key="Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="
  export RLVR_Storage__Provider=Azure RLVR_Storage__Checkpoints=Azure
  export RLVR_Storage__ConnectionString="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=$key;BlobEndpoint=http://127.0.0.1:$blob/devstoreaccount1;QueueEndpoint=http://127.0.0.1:$queue/devstoreaccount1;TableEndpoint=http://127.0.0.1:$table/devstoreaccount1;"
  until (exec 3<>"/dev/tcp/127.0.0.1/$table") 2>/dev/null; do sleep 0.1; done
fi
# Each data directory is its own storage: on Azure, its own service id and checkpoint container.
isolate() { local name; name="soak-$(basename "$1")"; export RLVR_Silo__ServiceId="$name" RLVR_Storage__CheckpointContainer="$name"; }
sed -n '/Yaml = """/,/""";/p' "$root/tests/Rlvr.Integration.Tests/ResumeCampaign.cs" | sed '1d;$d' | sed 's/^        //' > "$work/soak.yaml"
mkdir -p "$work/warm-start"
# exec: the background job's PID is rlvr's own, so kill -9 hits the process itself, not a wrapping subshell.
run() { isolate "$1"; ln -sfn "$work/warm-start" "$1/warm-start"; exec dotnet "$work/bin/rlvr.dll" run "$work/soak.yaml" --data-dir "$1" --threads 1 --listen http://127.0.0.1:0; }
checkpoints() {  # data directory -> the campaign's committed checkpoints as the API lists them
  local port; port=$(free_port)
  (isolate "$1"; exec dotnet "$work/bin/rlvr.dll" silo --data-dir "$1" --listen "http://127.0.0.1:$port") > "$work/silo.log" 2>&1 &
  local silo=$!
  until curl -sf "http://127.0.0.1:$port/api/v1/campaigns" > "$work/campaigns.json"; do sleep 0.2; done
  local id; id=$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))[0]["id"])' "$work/campaigns.json")
  curl -sf "http://127.0.0.1:$port/api/v1/campaigns/$id/checkpoints"
  # The logs live in the storage account's record-log table: read through the API too.
  curl -sf "http://127.0.0.1:$port/api/v1/campaigns/$id/metrics" > "$work/metrics.json"
  curl -sf "http://127.0.0.1:$port/api/v1/campaigns/$id" > "$work/campaign.json"
  kill "$silo"; wait "$silo" 2>/dev/null || true
}
outcome() {  # data directory -> one comparable summary
  if [[ "$storage" == azure ]]; then checkpoints "$1" > "$work/checkpoints.json"; else echo null > "$work/checkpoints.json"; fi
  python3 - "$1" "$work/checkpoints.json" "$work" <<'PY'
import glob, json, os, sys
data, listed, work = sys.argv[1], json.load(open(sys.argv[2])), sys.argv[3]
if listed is None:
    campaign = [d for d in glob.glob(os.path.join(data, "*")) if os.path.exists(os.path.join(d, "metrics.jsonl"))][0]
    owner = os.path.basename(campaign)
    latest = sorted(glob.glob(os.path.join(data, "checkpoints", owner, "*")))[-1]
    manifest = json.load(open(os.path.join(latest, "manifest.json")))
    checkpoint, weights = manifest["sequence"], manifest["metadata"]["weights_hash"]
    blobs = {b["name"]: b["sha256"] for b in manifest["blobs"]}
else:
    last = max(listed, key=lambda c: c["step"])
    checkpoint, weights = last["step"], last["weightsHash"]
    blobs = {b["name"]: b["sha256"] for b in last["blobs"]}
blobs = {name: sha for name, sha in blobs.items() if name not in ("campaign", "policy")}
if listed is None:
    metrics = [json.loads(line) for line in open(os.path.join(campaign, "metrics.jsonl"))]
    evaluations = open(os.path.join(campaign, "evaluations.jsonl")).read()
else:
    metrics = json.load(open(os.path.join(work, "metrics.json")))
    evaluations = json.load(open(os.path.join(work, "campaign.json")))["evaluations"]
for m in metrics:
    m.pop("phases", None); m.pop("phasesMs", None)
print(json.dumps({"checkpoint": checkpoint, "weights": weights, "blobs": blobs,
                  "metrics": metrics, "evaluations": evaluations}, sort_keys=True))
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
