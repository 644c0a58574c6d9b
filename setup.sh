#!/usr/bin/env bash
# Create .venv and install reader with its test tools. Safe to re-run.
set -euo pipefail
cd "$(dirname "$0")"
PYTHON=${PYTHON:-python3}
[ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
. .venv/bin/activate
python -m pip install -q --upgrade pip
# Install the CPU build of torch first, so argostranslate's stanza dependency doesn't pull CUDA.
python -m pip install -q -c constraints.txt torch==2.13.0
python -m pip install -q -c constraints.txt -e '.[dev]'
