#!/usr/bin/env bash
# Storage of a long campaign (bench/storage-growth.yaml, a tiny model, SQLite and a local checkpoint directory): at
# steps 100, 1,000 and the last, the database's size (file and live rows per grain type), the checkpoint directory and
# the metrics log, and the mean bookkeeping time (ledger, prompt statistics, curriculum, state and log writes) and step
# time over the 100 steps before. Grain state and checkpoints should stay flat; only the append-only logs grow.
# Usage: bench/storage-growth.sh [steps, default 10000]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
steps="${1:-10000}"
work="$(mktemp -d)"
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT
dotnet build "$root/src/Cli" -c Release -v quiet -nologo -o "$work/bin" > /dev/null
dotnet "$work/bin/rlvr.dll" run "$root/bench/storage-growth.yaml" --steps "$steps" --data-dir "$work/data" \
  > "$work/run.log" 2>&1 &
python3 - "$work/data" "$steps" "$!" <<'PY'
import glob, json, os, sqlite3, sys, time
data, steps, pid = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
probes = [p for p in (100, 1000) if p < steps] + [steps]

def alive():
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False

def metrics():
    logs = glob.glob(f"{data}/*/metrics.jsonl")
    return logs[0] if logs else None

def rows(path):
    with open(path) as f:
        return [json.loads(line) for line in f if line.strip()]

def size(pattern):
    return sum(os.path.getsize(p) for p in glob.glob(pattern, recursive=True) if os.path.isfile(p))

print(f"{'step':>6} {'db file':>10} {'live rows':>10} {'live bytes':>11} {'ledger pages':>13} {'checkpoints':>12} "
      f"{'metrics log':>12} {'bookkeeping':>12} {'step time':>10}")
for probe in probes:
    while True:
        log = metrics()
        done = rows(log) if log else []
        if len(done) >= probe or not alive():
            break
        time.sleep(0.2)
    if len(done) < probe:
        sys.exit(f"the campaign stopped at step {len(done)}; see its log")
    db = sqlite3.connect(f"file:{data}/rlvr.db?mode=ro", uri=True)
    by_type = dict((t, (n, b)) for t, n, b in db.execute(
        "SELECT grain_type, count(*), sum(length(json)) FROM rlvr_grain_state GROUP BY grain_type"))
    db.close()
    window = done[probe - 100:probe]
    mean = lambda key: sum(r["phases"][key] for r in window) / len(window)
    print(f"{len(done):>6} {size(f'{data}/rlvr.db*') / 1e6:>8.2f}MB {sum(n for n, _ in by_type.values()):>10} "
          f"{sum(b for _, b in by_type.values()) / 1e6:>9.2f}MB {by_type.get('rolloutledger', (0, 0))[0]:>13} "
          f"{size(f'{data}/checkpoints/**') / 1e6:>10.2f}MB {os.path.getsize(log) / 1e6:>10.2f}MB "
          f"{mean('bookkeeping_ms'):>10.1f}ms {mean('total_ms'):>8.1f}ms", flush=True)
    print("        by grain type: " + ", ".join(
        f"{t} {n} rows {b / 1e3:.1f} KB" for t, (n, b) in sorted(by_type.items())), flush=True)
PY
wait
