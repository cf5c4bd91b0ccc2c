#!/usr/bin/env bash
# Builds a Go command from the Go module proxy into the per-user tool cache (shared by every
# clone, like scripts/test-binaries.sh), or reuses it, and prints the binary's path as the LAST
# line of stdout. Progress goes to stderr, at least every 30 s.
#
#   scripts/go-tool.sh kubectl-validate   # sigs.k8s.io/kubectl-validate: the CEL oracle (policies/cel/oracle.test.ts)
#   scripts/go-tool.sh kubeconform        # the reference of bench/validate.ts
#
# Cache: ${CDK8S_KUBEFLOW_CACHE:-${XDG_CACHE_HOME:-~/.cache}/cdk8s-kubeflow}/<tool>/<version>/<tool>.
# `go install module@version` builds exactly the tagged release with its own go.mod, outside any
# project; a failed build leaves nothing behind. Measured first builds (2 cores, empty Go caches,
# downloads included): kubectl-validate 4m01s (~105 MB), kubeconform about a minute.
set -euo pipefail

# ---- pinned versions (the only place to change them) --------------------------------
case "${1:-}" in
  # v0.0.4 is built on Kubernetes v0.30.1 libraries (cel-go 0.17): run it with --version 1.30.
  kubectl-validate) MODULE="sigs.k8s.io/kubectl-validate"; VERSION="v0.0.4" ;;
  kubeconform) MODULE="github.com/yannh/kubeconform/cmd/kubeconform"; VERSION="v0.8.0" ;;
  *) echo "usage: scripts/go-tool.sh kubectl-validate|kubeconform" >&2; exit 2 ;;
esac
# ------------------------------------------------------------------------------------
TOOL="$1"

log() { printf '%s\n' "[$TOOL] $*" >&2; }
is_exe() { [[ -f "$1" && -x "$1" ]]; }

CACHE="${CDK8S_KUBEFLOW_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/cdk8s-kubeflow}/$TOOL"
OUT="$CACHE/$VERSION"
BIN="$OUT/$TOOL"
reuse() { if is_exe "$BIN"; then log "reusing $BIN"; printf '%s\n' "$BIN"; exit 0; fi; }

reuse
command -v go >/dev/null 2>&1 || { log "error: 'go' not found on PATH; install Go (≥ 1.22) to build $TOOL"; exit 1; }
mkdir -p "$OUT"
# One builder at a time (two jest workers, or jest and a developer, may start together).
exec 9>"$CACHE/.lock"
if ! flock -n 9; then
  log "another build is running; waiting for it"
  flock 9
fi
reuse

export GOFLAGS="-mod=mod -buildvcs=false"
export GOTOOLCHAIN="${GOTOOLCHAIN:-local}"
export CGO_ENABLED="${CGO_ENABLED:-0}"
elapsed() { local s=$(( $(date +%s) - $1 )); printf '%dm%02ds' $((s / 60)) $((s % 60)); }

start=$(date +%s)
log "building $MODULE@$VERSION (first run only)…"
( while sleep 30; do log "  still building ($(elapsed "$start") so far)…"; done ) >&2 &  # not on stdout: the caller reads it to its end
beat=$!
tmp="$OUT/.gobin.$$"
mkdir -p "$tmp"
rc=0
GOBIN="$tmp" go install -trimpath -ldflags "-s -w" "$MODULE@$VERSION" || rc=$?
kill "$beat" 2>/dev/null; wait "$beat" 2>/dev/null || true
if [[ $rc -ne 0 ]]; then
  rm -rf "$tmp"
  log "error: go install failed (exit $rc)"
  exit "$rc"
fi
mv -f "$tmp/$TOOL" "$BIN"
rm -rf "$tmp"
log "built in $(elapsed "$start"), $(du -h "$BIN" | cut -f1)"
printf '%s\n' "$BIN"
