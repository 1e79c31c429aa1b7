#!/usr/bin/env bash
# Bytes of grain state written per external-trainer report into a step's rollout-ledger page (issue 28): a round of
# 64 leases of one group each, reported one lease at a time into a page on SQLite grain storage, counted as the JSON
# each write stores. Runs tests/Rlvr.Grains.Tests' LedgerReportSizeTests (built beforehand, Release) and prints its line.
# Measured (one group = 8 completions of 32 tokens): before, a report rewrote the whole page: first 3543 B, 32nd
# 112781 B, 64th 224282 B, 7309091 B per round; after, each report writes its own groups: first 3543 B, 32nd 3479 B,
# 64th 3594 B, 225983 B per round.
# Usage: bench/ledger-report-bytes.sh
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
dotnet test "$root/tests/Rlvr.Grains.Tests" -c Release --no-build --filter "FullyQualifiedName~LedgerReportSizeTests" \
  --logger "console;verbosity=detailed" | grep -m1 "ledger bytes written per report" | sed 's/^ *//'
