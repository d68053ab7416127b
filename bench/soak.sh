#!/usr/bin/env bash
# Soak test: uxaudit on a generated 50,000-page site whose server injects a
# fault into 5% of requests (a 503 with Retry-After, a connection reset, or a
# 2 s delay), then a summary of what the audit reported.
#
# Knobs: PAGES (50000), FAULTS (5), CONC (32), TOOL_TIMEOUT (1800 s), OUT.
set -euo pipefail
cd "$(dirname "$0")/.."
export PAGES="${PAGES:-50000}" FAULTS="${FAULTS:-5}" CONC="${CONC:-32}"
export TOOL_TIMEOUT="${TOOL_TIMEOUT:-1800}" TOOLS=uxaudit
export OUT="${OUT:-bench/out/soak-$(date +%Y%m%d-%H%M%S)}"
bash bench/run.sh
echo
echo "soak: exit code, stderr tail and summary of $OUT/uxaudit-report/result.json"
tail -3 "$OUT/uxaudit.stderr" || true
go run ./bench/soak "$OUT/uxaudit-report/result.json"
grep -E "Maximum resident|Elapsed|Exit status" "$OUT/uxaudit.time"
