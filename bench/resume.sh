#!/usr/bin/env bash
# Resume latency for the default model (examples/quickstart.yaml: width 128, 4 layers): a campaign is killed with
# kill -9 at the start of step 3 (latest checkpoint: step 1), then the same command is started again. Reports the time
# from that process start to the restore from the checkpoint, and to the first resumed step (step 2) being done. The
# CLI is the plain build (JIT) or a ReadyToRun publish (precompiled, as a deployed silo would run): "both" alternates.
# Usage: bench/resume.sh [runs] [warm-start cache dir to copy, to skip training the warm start] [build|readytorun|both]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
runs="${1:-3}"
cache="${2:-}"
mode="${3:-both}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
builds=()
if [[ "$mode" != readytorun ]]; then
  dotnet build "$root/src/Cli" -c Release -v quiet -nologo -o "$work/build" > /dev/null
  builds+=(build)
fi
if [[ "$mode" != build ]]; then
  dotnet publish "$root/src/Cli" -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true \
    -v quiet -nologo -o "$work/readytorun" > /dev/null
  builds+=(readytorun)
fi
for run in $(seq "$runs"); do
for build in "${builds[@]}"; do
  rlvr=(dotnet "$work/$build/rlvr.dll" run "$root/examples/quickstart.yaml" --steps 4)
  data="$work/data-$build-$run"
  mkdir -p "$data/warm-start"
  [[ -n "$cache" ]] && cp "$cache"/*.policy "$data/warm-start/"
  # Removed first: the shell truncates it in the child, so the wait below could read the last run's kill-point line.
  rm -f "$work/first.err"
  RLVR_KILL_POINT=step-start:3 "${rlvr[@]}" --data-dir "$data" > "$work/first.log" 2> "$work/first.err" &
  pid=$!
  until grep -q "kill-point" "$work/first.err" 2>/dev/null; do sleep 0.05; done
  kill -9 "$pid"; wait "$pid" 2>/dev/null || true
  metrics="$(ls "$data"/quickstart-*/metrics.jsonl)"
  # One poller in-process (not a grep per poll), so the measurement takes little of the two cores from the silo.
  python3 - "$work/second.log" "$metrics" "$run" "$build" "${rlvr[@]}" --data-dir "$data" <<'PY'
import subprocess, sys, time
log, metrics, run, build, command = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5:]
start = time.monotonic()
process = subprocess.Popen(command, stdout=open(log, "w"), stderr=subprocess.STDOUT)
restored = stepped = None
while stepped is None and process.poll() is None:
    if restored is None and "restored from checkpoint" in open(log).read():
        restored = time.monotonic() - start
    # The restore cuts the metrics log back to step 1 before it logs, so step 2's line is the resumed step's.
    if restored is not None and '"step":2,' in open(metrics).read():
        stepped = time.monotonic() - start
    time.sleep(0.01)
process.wait()
if stepped is None:
    sys.exit(f"run {run}, {build}: the resumed run ended before its first step (see {log})")
print(f"run {run}, {build}: process start -> restored from checkpoint {restored:.2f} s, -> first resumed step done {stepped:.2f} s")
PY
done
done
