# Source me: puts the project's Node 24 and pnpm (installed by scripts/setup.sh) first on PATH.
_RINGSIDE_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export PATH="$_RINGSIDE_ROOT/.tools/bin:$_RINGSIDE_ROOT/node_modules/.bin:$PATH"
unset _RINGSIDE_ROOT
