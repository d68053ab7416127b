#!/usr/bin/env bash
# What the content checks cost the HTTP crawl (issue 4's target): the same
# 10,000-page site audited with every check, with the eight content checks
# disabled, and with the link checks only, ROUNDS rounds of the three one
# after the other (so that all three meet the same load), medians printed.
# With BASE set, uxaudit built at that revision runs beside this checkout's
# in every round (interleaved against the same server), for an A/B of a
# change: the audit's CPU varies by ±0.5 s from run to run on a 2-core
# machine, so compare builds in the same rounds, not in separate runs.
#
# Knobs (environment):
#   PAGES=10000   pages of the synthetic site
#   LATENCY=0     sitegen -latency (e.g. 10ms: a server's think time)
#   SITEGEN_ARGS= more sitegen flags, e.g. -markup (pages of framework weight)
#   ROUNDS=3      rounds of the audits
#   CONC=8        --concurrency
#   MODES="all content-off links-only"   which audits each round
#   BASE=         a git revision to build and run beside this checkout
#   OUT=bench/out/content-cost-<timestamp>
set -uo pipefail

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$BENCH_DIR/.." && pwd)"
cd "$ROOT" || exit 1

PAGES="${PAGES:-10000}"
LATENCY="${LATENCY:-0}"
SITEGEN_ARGS="${SITEGEN_ARGS:-}"
ROUNDS="${ROUNDS:-3}"
CONC="${CONC:-8}"
MODES="${MODES:-all content-off links-only}"
BASE="${BASE:-}"
OUT="${OUT:-$BENCH_DIR/out/content-cost-$(date +%Y%m%d-%H%M%S)}"
mkdir -p "$OUT"
unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY

if [ ! -x /usr/bin/time ]; then
	apt-get install -y time >/dev/null 2>&1 || { echo "need /usr/bin/time (Debian package time)" >&2; exit 1; }
fi
builds=(head)
go build -o "$OUT/uxaudit-head" ./cmd/uxaudit || exit 1
go build -o "$OUT/sitegen" ./bench/sitegen || exit 1
cleanup() { :; }
if [ -n "$BASE" ]; then
	git worktree add --detach "$OUT/base-src" "$BASE" >/dev/null 2>&1 || { echo "cannot check out $BASE" >&2; exit 1; }
	cleanup() { git worktree remove --force "$OUT/base-src" >/dev/null 2>&1; }
	(cd "$OUT/base-src" && go build -o "$OUT/uxaudit-base" ./cmd/uxaudit) || { cleanup; exit 1; }
	builds=(base head)
fi

lat=()
[ "$LATENCY" != 0 ] && lat=(-latency "$LATENCY")
# shellcheck disable=SC2086 # SITEGEN_ARGS is a list of flags
"$OUT/sitegen" -pages "$PAGES" "${lat[@]}" $SITEGEN_ARGS -addr 127.0.0.1:0 >"$OUT/sitegen.out" 2>"$OUT/sitegen.err" &
SG=$!
trap 'kill $SG 2>/dev/null; cleanup' EXIT
for _ in $(seq 50); do
	grep -q '^READY ' "$OUT/sitegen.out" && break
	sleep 0.1
done
URL="$(sed -n 's/^READY //p' "$OUT/sitegen.out")"
case "$URL" in
http://127.0.0.1:*/) ;;
*) echo "sitegen did not start: $(cat "$OUT/sitegen.err")" >&2; exit 1 ;;
esac

DIS=readability,passive-voice,plain-language,vague-link-text,banned-terms,inconsistent-terms,thin-content,duplicate-content
echo -e "round\tbuild\tmode\twall_s\tcpu_s\tpeak_rss_mb\tload1\texit" >"$OUT/results.tsv"
for r in $(seq "$ROUNDS"); do
	for b in "${builds[@]}"; do
		for mode in $MODES; do
			case $mode in
			all) extra=() ;;
			content-off) extra=(--disable "$DIS") ;;
			links-only) extra=(--disable all --enable broken-links,redirects,http-status) ;;
			*) echo "unknown mode $mode" >&2; exit 1 ;;
			esac
			load="$(cut -d' ' -f1 /proc/loadavg)"
			/usr/bin/time -f '%e %U %S %M' -o "$OUT/time.txt" "$OUT/uxaudit-$b" audit "$URL" --out "$OUT/report-$b-$mode" \
				--max-pages 0 --no-browser --quiet --concurrency "$CONC" "${extra[@]}" >"$OUT/$b-$mode-$r.log" 2>&1
			code=$?
			read -r wall user sys rss <"$OUT/time.txt"
			cpu="$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.2f", u + s }')"
			echo -e "$r\t$b\t$mode\t$wall\t$cpu\t$((rss / 1024))\t$load\t$code" >>"$OUT/results.tsv"
			echo "round $r ${BASE:+$b }$mode: ${wall}s wall, ${cpu}s CPU, load $load, exit $code"
		done
	done
done

# Medians per build and mode, the ratios of the audit with every check,
# and (with links-only) every round's ratio of every check to link checks
# only.
awk -F'\t' -v base="$BASE" 'NR > 1 { k = $2 SUBSEP $3; w[k] = w[k] " " $4; c[k] = c[k] " " $5; seen[$2] = 1; wall[$1, $2, $3] = $4; rounds = $1 }
function median(list,   a, n, i, j, t) {
	n = split(list, a, " ")
	for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] + 0 < a[i] + 0) { t = a[i]; a[i] = a[j]; a[j] = t }
	return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
}
function report(b, label,   m, k, r, s) {
	split("all content-off links-only", ms, " ")
	for (i = 1; i <= 3; i++) {
		m = ms[i]; k = b SUBSEP m
		if (!(k in w)) continue
		mw[m] = median(w[k]); mc[m] = median(c[k])
		printf "%s%-12s median wall %6.2f s, CPU %6.2f s\n", label, m, mw[m], mc[m]
	}
	if (("all" in mw) && ("content-off" in mw)) printf "%severy check / content checks off: %.2fx wall, %.2fx CPU\n", label, mw["all"] / mw["content-off"], mc["all"] / mc["content-off"]
	if (("all" in mw) && ("links-only" in mw)) {
		printf "%severy check / link checks only:   %.2fx wall, %.2fx CPU\n", label, mw["all"] / mw["links-only"], mc["all"] / mc["links-only"]
		s = ""
		for (r = 1; r <= rounds; r++) if (((r, b, "all") in wall) && ((r, b, "links-only") in wall)) s = s sprintf(" %.2f", wall[r, b, "all"] / wall[r, b, "links-only"])
		printf "%s  rounds, every check / link checks only:%s\n", label, s
	}
	delete mw; delete mc
}
END {
	if ("base" in seen) report("base", "base " base ": ")
	report("head", ("base" in seen) ? "this checkout: " : "")
}' "$OUT/results.tsv" | tee "$OUT/summary.txt"
