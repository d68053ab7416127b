#!/usr/bin/env bash
# What the content checks cost the HTTP crawl (issue 4's target): the same
# 10,000-page site audited with every check, with the eight content checks
# disabled, and with the link checks only, ROUNDS rounds of the three one
# after the other (so that all three meet the same load), medians printed.
#
# Knobs (environment):
#   PAGES=10000   pages of the synthetic site
#   LATENCY=0     sitegen -latency (e.g. 10ms: a server's think time)
#   ROUNDS=3      rounds of the three audits
#   CONC=8        --concurrency
#   OUT=bench/out/content-cost-<timestamp>
set -uo pipefail

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$BENCH_DIR/.." && pwd)"
cd "$ROOT" || exit 1

PAGES="${PAGES:-10000}"
LATENCY="${LATENCY:-0}"
ROUNDS="${ROUNDS:-3}"
CONC="${CONC:-8}"
OUT="${OUT:-$BENCH_DIR/out/content-cost-$(date +%Y%m%d-%H%M%S)}"
mkdir -p "$OUT"
unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY

if [ ! -x /usr/bin/time ]; then
	apt-get install -y time >/dev/null 2>&1 || { echo "need /usr/bin/time (Debian package time)" >&2; exit 1; }
fi
go build -o "$OUT/uxaudit" ./cmd/uxaudit || exit 1
go build -o "$OUT/sitegen" ./bench/sitegen || exit 1

lat=()
[ "$LATENCY" != 0 ] && lat=(-latency "$LATENCY")
"$OUT/sitegen" -pages "$PAGES" "${lat[@]}" -addr 127.0.0.1:0 >"$OUT/sitegen.out" 2>"$OUT/sitegen.err" &
SG=$!
trap 'kill $SG 2>/dev/null' EXIT
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
echo -e "round\tmode\twall_s\tcpu_s\tpeak_rss_mb\tload1\texit" >"$OUT/results.tsv"
for r in $(seq "$ROUNDS"); do
	for mode in all content-off links-only; do
		case $mode in
		all) extra=() ;;
		content-off) extra=(--disable "$DIS") ;;
		links-only) extra=(--disable all --enable broken-links,redirects,http-status) ;;
		esac
		load="$(cut -d' ' -f1 /proc/loadavg)"
		/usr/bin/time -f '%e %U %S %M' -o "$OUT/time.txt" "$OUT/uxaudit" audit "$URL" --out "$OUT/report-$mode" \
			--max-pages 0 --no-browser --quiet --concurrency "$CONC" "${extra[@]}" >"$OUT/$mode-$r.log" 2>&1
		code=$?
		read -r wall user sys rss <"$OUT/time.txt"
		cpu="$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.2f", u + s }')"
		echo -e "$r\t$mode\t$wall\t$cpu\t$((rss / 1024))\t$load\t$code" >>"$OUT/results.tsv"
		echo "round $r $mode: ${wall}s wall, ${cpu}s CPU, load $load, exit $code"
	done
done

# Medians per mode, and the ratios of the audit with every check.
awk -F'\t' 'NR > 1 { w[$2] = w[$2] " " $3; c[$2] = c[$2] " " $4 }
function median(list,   a, n, i, j, t) {
	n = split(list, a, " ")
	for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] + 0 < a[i] + 0) { t = a[i]; a[i] = a[j]; a[j] = t }
	return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
}
END {
	for (m in w) { mw[m] = median(w[m]); mc[m] = median(c[m]); printf "%-12s median wall %6.2f s, CPU %6.2f s\n", m, mw[m], mc[m] }
	printf "every check / content checks off: %.2fx wall, %.2fx CPU\n", mw["all"] / mw["content-off"], mc["all"] / mc["content-off"]
	printf "every check / link checks only:   %.2fx wall, %.2fx CPU\n", mw["all"] / mw["links-only"], mc["all"] / mc["links-only"]
}' "$OUT/results.tsv" | tee "$OUT/summary.txt"
