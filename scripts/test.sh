#!/usr/bin/env bash
# The whole Ringside check: format, lint, typecheck, then every test file, one at a time
# (stress tests spin real worker threads; on 2 cores they must not run side by side).
# Usage: bin/ringside test [--no-static] [test file or glob ...]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
"$ROOT/scripts/setup.sh" --quiet
source "$ROOT/scripts/env.sh"
STATIC=1
if [ "${1:-}" = "--no-static" ]; then STATIC=0; shift; fi
echo "ringside test: node $(node --version), $(nproc) cores"
if [ "$STATIC" = 1 ]; then
  echo "== format (prettier --check)"; prettier --check --log-level warn .
  echo "== typecheck (tsc --noEmit)"; tsc -p tsconfig.json --noEmit
  echo "== lint (eslint, type-aware)"; eslint --max-warnings 0 .
fi
echo "== tests (node --test)"
if [ "$#" -gt 0 ]; then
  FILES=("$@")
else
  mapfile -t FILES < <(find packages services test bench -name '*.test.ts' -not -path '*/node_modules/*' | sort)
fi
exec node --test --test-concurrency=1 --test-timeout=600000 --test-reporter=spec "${FILES[@]}"
