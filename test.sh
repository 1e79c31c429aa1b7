#!/usr/bin/env bash
# Runs every test: installs what is missing, builds (native shim included), checks formatting, tests.
set -euo pipefail
cd "$(dirname "$0")"
infra/setup.sh --with-postgres --with-azurite --with-redis --with-redocly --with-chromium --with-python-torch
dotnet build Rlvr.Orleans.sln -c Release
dotnet format Rlvr.Orleans.sln --verify-no-changes --no-restore

# The tests run with a temporary directory of this run's own, which every server they start (PostgreSQL, Azurite,
# Redis, silos) inherits. The servers stop themselves when their test host ends, even killed; whatever of this run
# still runs when it ends, passed, failed or interrupted, is stopped here, and the directory deleted.
run=$(mktemp -d "${TMPDIR:-/tmp}/rlvr-test.XXXXXX")
chmod 755 "$run" # as root, the throwaway PostgreSQL runs as the postgres user, who must reach its data directory
leftovers() {
  local environ pid
  for environ in /proc/[0-9]*/environ; do
    pid=${environ#/proc/}
    pid=${pid%/environ}
    if tr '\0' '\n' 2>/dev/null < "$environ" | grep -qxF "TMPDIR=$run"; then
      echo "$pid"
    fi
  done
}
stop_leftovers() {
  local pids
  pids=$(leftovers)
  if [[ -n $pids ]]; then
    kill -TERM $pids 2>/dev/null || true
    for _ in $(seq 50); do
      pids=$(leftovers)
      [[ -n $pids ]] || break
      sleep 0.1
    done
    [[ -z $pids ]] || kill -KILL $pids 2>/dev/null || true
  fi
  rm -rf "$run"
}
trap stop_leftovers EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
TMPDIR=$run dotnet test Rlvr.Orleans.sln -c Release --no-build "$@"
