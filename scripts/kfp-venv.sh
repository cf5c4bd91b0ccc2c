#!/usr/bin/env bash
# Installs the real Kubeflow Pipelines SDK (kfp + kfp-kubernetes, exact pins in
# tools/kfp/requirements.txt) into a virtual environment in the per-user tool cache, shared by
# every clone like scripts/test-binaries.sh, or reuses it; prints the venv's python as the LAST
# line of stdout. Progress goes to stderr.
#
# The SDK release matches the KFP backend we target (2.17.0, schemas/newest/sources.json "pipelines"):
# the tests compile Python twins of our pipelines with it and compare the IR (see
# constructs/pipelines/twins/).
#
# Cache: ${CDK8S_KUBEFLOW_CACHE:-${XDG_CACHE_HOME:-~/.cache}/cdk8s-kubeflow}/kfp/<hash of requirements>/venv.
# A failed install leaves nothing behind. Measured first install (2 cores): about 15 s.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
REQS="$HERE/tools/kfp/requirements.txt"
KEY="$(sha256sum "$REQS" | cut -c1-12)"
CACHE="${CDK8S_KUBEFLOW_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/cdk8s-kubeflow}/kfp"
OUT="$CACHE/$KEY"
PY="$OUT/venv/bin/python"

log() { printf '%s\n' "[kfp] $*" >&2; }
reuse() { if [[ -x "$PY" && -f "$OUT/venv/.complete" ]]; then log "reusing $OUT/venv"; printf '%s\n' "$PY"; exit 0; fi; }

reuse
PYTHON="${PYTHON:-python3}"
command -v "$PYTHON" >/dev/null 2>&1 || { log "error: '$PYTHON' not found on PATH; install Python ≥ 3.9 with venv and pip"; exit 1; }
mkdir -p "$CACHE"
# One installer at a time (two jest workers, or jest and a developer, may start together).
exec 9>"$CACHE/.lock"
if ! flock -n 9; then
  log "another install is running; waiting for it"
  flock 9
fi
reuse

start=$(date +%s)
log "installing kfp into $OUT/venv (first run only)…"
rm -rf "$OUT"
mkdir -p "$OUT"
trap 'rm -rf "$OUT"' ERR
"$PYTHON" -m venv "$OUT/venv" >&2 || { log "error: '$PYTHON -m venv' failed; on Debian install python3-venv"; exit 1; }
"$OUT/venv/bin/pip" install --disable-pip-version-check --no-input --progress-bar off -q --no-deps -r "$REQS" >&2
"$OUT/venv/bin/pip" check >&2
touch "$OUT/venv/.complete"
trap - ERR
log "installed in $(( $(date +%s) - start ))s"
printf '%s\n' "$PY"
