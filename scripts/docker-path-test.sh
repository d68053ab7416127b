#!/usr/bin/env bash
# Runs the Dockerfile's steps outside a container, where no container engine
# runs: the build command read from the Dockerfile (a static binary), the
# runtime's Debian packages, the Chromium launcher snippet, and a demo audit
# under tini as a non-root user with CHROME_PATH=/usr/bin/chromium, writing
# every report format. Exits non-zero on the first step that fails.
#
#   scripts/docker-path-test.sh            # as root, installs missing packages with apt-get
#   KEEP=1 scripts/docker-path-test.sh     # keep the work folder to look at the reports
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '== %s\n' "$*"; }
fail() { printf 'FAIL: %s\n' "$*" >&2; exit 1; }

work=$(mktemp -d "${TMPDIR:-/tmp}/uxaudit-docker-path.XXXXXX")
chmod 755 "$work"
if [ -z "${KEEP:-}" ]; then trap 'rm -rf "$work"' EXIT; else say "work folder: $work"; fi

# 1. The build stage: the Dockerfile's own command, with the output path and
# version of this test.
build=$(sed -n 's/^RUN \(CGO_ENABLED=0 go build .*\)$/\1/p' Dockerfile)
[ -n "$build" ] || fail "no 'RUN CGO_ENABLED=0 go build' line in the Dockerfile"
case "$build" in
  *" -o /out/uxaudit ./cmd/uxaudit") ;;
  *) fail "the Dockerfile's build command does not end with '-o /out/uxaudit ./cmd/uxaudit': $build" ;;
esac
build=${build/-o \/out\/uxaudit/-o \"\$work\/uxaudit\"}
VERSION=docker-path-test
say "build: $build"
eval "$build"
bin=$work/uxaudit

# 2. The binary is static: no program interpreter (dynamic loader) and no
# shared libraries, so it runs on any Linux image.
say "static binary"
if command -v readelf >/dev/null; then
  if readelf -lW "$bin" | grep -q INTERP; then fail "the binary asks for a dynamic loader"; fi
  if readelf -dW "$bin" 2>/dev/null | grep -q NEEDED; then fail "the binary needs shared libraries"; fi
fi
if command -v file >/dev/null; then
  file "$bin" | grep -q 'statically linked' || fail "file(1) does not call it static: $(file "$bin")"
fi
got=$("$bin" version)
[ "$got" = "uxaudit $VERSION" ] || fail "version prints '$got', want 'uxaudit $VERSION' (-X main.version)"

# 3. The runtime stage's packages, read from the Dockerfile.
packages=$(sed -n 's/.*apt-get install -y --no-install-recommends \([a-z0-9 .+-]*\).*/\1/p' Dockerfile | head -n 1)
[ -n "$packages" ] || fail "no 'apt-get install -y --no-install-recommends' line in the Dockerfile"
say "Debian packages: $packages"
missing=()
for p in $packages; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  [ "$(id -u)" = 0 ] || fail "missing packages: ${missing[*]} (run as root to install them, or apt-get install them)"
  say "installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
chrome=$(sed -n 's/^ENV CHROME_PATH=\([^ ]*\).*/\1/p' Dockerfile)
[ "$chrome" = /usr/bin/chromium ] || fail "the Dockerfile's CHROME_PATH is '$chrome', want /usr/bin/chromium"
[ -x "$chrome" ] || fail "$chrome is missing"

# 4. The Chromium launcher snippet: without user namespaces it turns the
# sandbox off, with them it leaves it on. unshare is stubbed to play both.
say "Chromium launcher snippet"
snippet=scripts/chromium-sandbox.sh
grep -q "^COPY $snippet /etc/chromium.d/" Dockerfile || fail "the Dockerfile does not install $snippet into /etc/chromium.d"
mkdir -p "$work/stub-no" "$work/stub-yes"
printf '#!/bin/sh\nexit 1\n' >"$work/stub-no/unshare"
printf '#!/bin/sh\nexit 0\n' >"$work/stub-yes/unshare"
chmod +x "$work/stub-no/unshare" "$work/stub-yes/unshare"
flags=$(PATH="$work/stub-no:$PATH" sh -c 'CHROMIUM_FLAGS="--x"; . "$1"; echo "$CHROMIUM_FLAGS"' sh "$snippet")
[ "$flags" = "--x --no-sandbox" ] || fail "without user namespaces the flags are '$flags'"
flags=$(PATH="$work/stub-yes:$PATH" sh -c 'CHROMIUM_FLAGS="--x"; . "$1"; echo "$CHROMIUM_FLAGS"' sh "$snippet")
[ "$flags" = "--x" ] || fail "with user namespaces the flags are '$flags'"

# 5. The image's command: tini, then uxaudit, as a non-root user, with the
# image's environment only. tini is not PID 1 here, so -s makes it the
# subreaper that PID 1 is in the container.
as_user=()
if [ "$(id -u)" = 0 ]; then
  command -v setpriv >/dev/null || fail "setpriv (util-linux) is needed to drop root"
  as_user=(setpriv --reuid=65534 --regid=65534 --clear-groups)
fi
out=$work/out
mkdir -p "$out" "$work/tmp"
chmod 1777 "$out" "$work/tmp"
say "demo under tini as $([ ${#as_user[@]} -gt 0 ] && echo nobody || id -un)"
status=0
"${as_user[@]}" env -i PATH=/usr/local/bin:/usr/bin:/bin HOME=/nonexistent TMPDIR="$work/tmp" \
  CHROME_PATH="$chrome" XDG_CONFIG_HOME="$work/tmp/.config" XDG_CACHE_HOME="$work/tmp/.cache" \
  tini -s -- "$bin" demo --out "$out" --quiet --format html,json,csv,md,junit >"$work/stdout" 2>"$work/stderr" || status=$?
if [ "$status" != 0 ]; then cat "$work/stderr" >&2; fail "the demo audit exited $status"; fi
cat "$work/stdout"

for f in report.html result.json findings.csv pages.csv summary.md junit.xml; do
  [ -s "$out/$f" ] || fail "$f was not written"
done
rendered=$(grep -c '"lcp_ms": [1-9]' "$out/result.json" || true)
[ "$rendered" -ge 10 ] || fail "$rendered pages carry an LCP, want the demo's 10: did Chromium start? $(grep -A3 '"warnings"' "$out/result.json" || true)"
grep -q 'Speed (p75)' "$work/stdout" || fail "the summary has no speed line"
say "ok: static binary, Debian's Chromium, $rendered pages rendered, every format written"
