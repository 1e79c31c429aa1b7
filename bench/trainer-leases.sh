#!/usr/bin/env bash
# Lease round trips of the external-trainer protocol (issue 18) with N trainers at once: starts a silo (`rlvr silo`) on a
# throwaway data directory, creates an external-trainer campaign (trainer.yaml: 32 prompts x 8 completions a step, leases
# of 4 prompts, 30 steps), and runs bench/trainer/lease_bench.py: N threads of the standard-library client that lease,
# report at once with their own rewards, and report updates. Prints p50/p99 per call and the campaign's steps per second.
# Usage: bench/trainer-leases.sh [trainers=8]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
port=5393
cleanup() { [[ -n "${silo:-}" ]] && kill "$silo" 2>/dev/null; wait 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
dotnet build "$root/src/Client/Rlvr.Cli" -c Release -v quiet -nologo -o "$work/cli" > /dev/null
dotnet "$work/cli/rlvr.dll" silo --data-dir "$work/data" --listen "http://127.0.0.1:$port" --threads 1 > "$work/silo.log" 2>&1 &
silo=$!
until grep -q "silo up" "$work/silo.log" 2>/dev/null; do sleep 0.1; kill -0 "$silo" || { cat "$work/silo.log"; exit 1; }; done
python3 - "$root/bench/trainer/trainer.yaml" "http://127.0.0.1:$port" <<'PY'
import json, sys, urllib.request
body = json.dumps({"id": "leases", "config": open(sys.argv[1]).read()}).encode()
request = urllib.request.Request(f"{sys.argv[2]}/api/v1/campaigns", body, {"Content-Type": "application/json"})
urllib.request.urlopen(request).read()
PY
python3 "$root/bench/trainer/lease_bench.py" "http://127.0.0.1:$port" leases "${1:-8}"
