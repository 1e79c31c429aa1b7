#!/usr/bin/env bash
# Runs external_trainer.py with the repository's Python client (clients/python) and the plain PyTorch GRPO loop it
# builds on (bench/pytorch) importable, on Debian's interpreter, the one python3-torch installs into. Arguments go to
# the script: examples/external-trainer/run.sh --server http://127.0.0.1:5280 --campaign ext [--token T]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
export PYTHONPATH="$root/clients/python:$root/bench/pytorch${PYTHONPATH:+:$PYTHONPATH}"
exec /usr/bin/python3 "$here/external_trainer.py" "$@"
