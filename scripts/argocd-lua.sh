#!/usr/bin/env bash
# Builds tools/argocd-lua (Argo CD's own code, from github.com/argoproj/argo-cd/v3 on the Go
# module proxy: its health assessment, Lua VM and built-in checks; and its ignoreDifferences
# normalizer) into the per-user tool cache shared by every clone, or reuses it, and prints the
# binary's path as the LAST line of stdout. Progress goes to stderr, at least every 30 s. Used
# by the tests through test/argocd-harness.ts.
#
#   scripts/argocd-lua.sh
#
# Cache: ${CDK8S_KUBEFLOW_CACHE:-${XDG_CACHE_HOME:-~/.cache}/cdk8s-kubeflow}/argocd-lua/<hash>/argocd-lua,
# <hash> taken over tools/argocd-lua/{go.mod,go.sum,*.go}: a changed harness or Argo CD
# version builds anew, an unchanged one is reused by every clone. A failed build leaves nothing.
# Argo CD v3.6 needs Go 1.27: GOTOOLCHAIN=auto lets an older go (≥ 1.21) fetch that toolchain
# from the Go module proxy. Measured first build (2 cores, empty Go caches, the Go 1.27
# toolchain and 164 module downloads included): 4m42s, ~2.7 GB of Go caches, a 72 MB binary;
# with warm Go caches (a changed harness) about 5 s.
set -euo pipefail

log() { printf '%s\n' "[argocd-lua] $*" >&2; }
is_exe() { [[ -f "$1" && -x "$1" ]]; }

SRC="$(cd "$(dirname "$0")/../tools/argocd-lua" && pwd)"
HASH="$(cat "$SRC/go.mod" "$SRC/go.sum" "$SRC"/*.go | sha256sum | cut -c1-16)"
CACHE="${CDK8S_KUBEFLOW_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/cdk8s-kubeflow}/argocd-lua"
OUT="$CACHE/$HASH"
BIN="$OUT/argocd-lua"
reuse() { if is_exe "$BIN"; then log "reusing $BIN"; printf '%s\n' "$BIN"; exit 0; fi; }

reuse
command -v go >/dev/null 2>&1 || { log "error: 'go' not found on PATH; install Go (≥ 1.21) to build the Argo CD health harness"; exit 1; }
mkdir -p "$OUT"
# One builder at a time (jest workers, or jest and a developer, may start together).
exec 9>"$CACHE/.lock"
if ! flock -n 9; then
  log "another build is running; waiting for it"
  flock 9
fi
reuse

# go.sum is committed: -mod=readonly builds exactly what it pins, and fails rather than re-resolve.
export GOFLAGS="-mod=readonly -buildvcs=false"
export GOTOOLCHAIN=auto
export CGO_ENABLED="${CGO_ENABLED:-0}"
elapsed() { local s=$(( $(date +%s) - $1 )); printf '%dm%02ds' $((s / 60)) $((s % 60)); }

start=$(date +%s)
log "building Argo CD's health and diff-normalizer harness (argo-cd $(awk '$1 == "github.com/argoproj/argo-cd/v3" { print $2 }' "$SRC/go.mod"), first run only; a few minutes)…"
( while sleep 30; do log "  still building ($(elapsed "$start") so far)…"; done ) >&2 &  # not on stdout: the caller reads it to its end
beat=$!
tmp="$OUT/.argocd-lua.$$"
rc=0
go build -C "$SRC" -trimpath -ldflags "-s -w" -o "$tmp" . || rc=$?
kill "$beat" 2>/dev/null; wait "$beat" 2>/dev/null || true
if [[ $rc -ne 0 ]]; then
  rm -f "$tmp"
  log "error: go build failed (exit $rc)"
  exit "$rc"
fi
mv -f "$tmp" "$BIN"
log "built in $(elapsed "$start"), $(du -h "$BIN" | cut -f1)"
printf '%s\n' "$BIN"
