#!/usr/bin/env bash
# Regenerate packages/contracts/src/gen from proto/: buf lint, then buf generate with ts-proto
# (both from npm, pinned in packages/contracts/package.json; options in buf.gen.yaml).
# The output runs as-is under Node 24 type stripping and passes strict tsc, so it is committed
# unformatted and unpatched; packages/contracts/test/gen-up-to-date.test.ts checks it is current.
#
# Usage: scripts/gen-proto.sh [--out DIR]
#   --out DIR  write under DIR (DIR/packages/contracts/src/gen/...) instead of the work tree.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
OUT=""
while [ "$#" -gt 0 ]; do
  case "$1" in
    --out) OUT="${2:?--out needs a directory}"; shift 2 ;;
    *) echo "gen-proto: unknown option $1" >&2; exit 2 ;;
  esac
done
BIN="$ROOT/packages/contracts/node_modules/.bin"
for tool in buf protoc-gen-ts_proto; do
  [ -x "$BIN/$tool" ] || { echo "gen-proto: $BIN/$tool missing: run scripts/setup.sh" >&2; exit 1; }
done
"$BIN/buf" lint
if [ -n "$OUT" ]; then
  "$BIN/buf" generate --output "$OUT"
else
  rm -rf packages/contracts/src/gen
  "$BIN/buf" generate
fi
