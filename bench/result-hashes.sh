#!/usr/bin/env bash
# The hashes that say whether a change altered a campaign's arithmetic: runs the quickstart for N steps and prints the
# SHA-256 (first 16 hex digits) of its evaluations log, of its metrics log without the timings (phases), and the final
# weights hash. Equal hashes before and after a change, on one machine, mean byte-identical results.
# Usage: bench/result-hashes.sh [steps] [warm-start cache dir to copy, to skip training the warm start]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
steps="${1:-20}"
cache="${2:-}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
dotnet build "$root/src/Cli" -c Release -v quiet -nologo -o "$work/bin" > /dev/null
mkdir -p "$work/data/warm-start"
[[ -n "$cache" ]] && cp "$cache"/*.policy "$work/data/warm-start/"
dotnet "$work/bin/rlvr.dll" run "$root/examples/quickstart.yaml" --steps "$steps" --data-dir "$work/data" > "$work/run.log"
campaign="$(ls -d "$work"/data/quickstart-*)"
manifest="$(ls -d "$work"/data/checkpoints/quickstart-*/* | sort | tail -1)/manifest.json"
python3 - "$campaign" "$manifest" <<'PY'
import hashlib, json, sys
campaign, manifest = sys.argv[1], sys.argv[2]
digest = lambda b: hashlib.sha256(b).hexdigest()[:16]
print("evaluations", digest(open(f"{campaign}/evaluations.jsonl", "rb").read()))
rows = [json.loads(line) for line in open(f"{campaign}/metrics.jsonl")]
for row in rows:
    row.pop("phases", None)
print("metrics-without-phases", digest("\n".join(json.dumps(r, sort_keys=True) for r in rows).encode()))
print("weights", json.load(open(manifest))["metadata"]["weights_hash"])
PY
