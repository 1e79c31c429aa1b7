#!/usr/bin/env bash
# Lease round trips of the external-trainer protocol (issue 18) with N trainers at once: starts a silo (`rlvr silo`) on a
# throwaway data directory, creates an external-trainer campaign (trainer.yaml: 32 prompts x 8 completions a step, leases
# of 4 prompts, 30 steps), and runs bench/trainer/lease_bench.py: N threads of the standard-library client that lease,
# report at once with their own rewards, and report updates. Prints p50/p99 per call and the campaign's steps per second.
# Usage: bench/trainer-leases.sh [trainers=8]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
port=5393
source "$root/bench/silo.sh"
start_silo "$port" --threads 1
create_campaign "http://127.0.0.1:$port" leases "$root/bench/trainer/trainer.yaml"
python3 "$root/bench/trainer/lease_bench.py" "http://127.0.0.1:$port" leases "${1:-8}"
