#!/bin/sh
# A nightly UX audit of one site: compare with the last good run, fail on
# regressions only, keep every run in a history file. The crontab line,
# for 02:30 each night:
#
#   30 2 * * * /srv/uxaudit/nightly.sh https://staging.example.com >>/srv/uxaudit/nightly.log 2>&1
#
# Runs the uxaudit on PATH, or the Docker image (see "Docker" in README.md):
#
#   UXAUDIT_DOCKER=uxaudit nightly.sh https://staging.example.com
#
# The runs live in $UXAUDIT_DIR (default ~/uxaudit-nightly): today/ is
# tonight's report, last/ the last run that passed, uxaudit-history.db the
# history ('uxaudit history --history uxaudit-history.db' lists it). The
# first night has no baseline and only records; from the second on, a new
# finding above info exits 1 and last/ stays where it was, so the regression
# keeps failing until it is fixed. Exit codes are uxaudit's: 0 passed, 1 a
# gate or budget failed, 2 usage or fatal error, 130 interrupted.
set -u
site=${1:?usage: nightly.sh URL}
dir=${UXAUDIT_DIR:-$HOME/uxaudit-nightly}
mkdir -p "$dir" && cd "$dir" || exit 2

uxaudit() {
  if [ -n "${UXAUDIT_DOCKER:-}" ]; then
    # The folder is mounted on the image's working directory, /out, so the
    # relative paths below mean the same inside and outside.
    docker run --rm --user "$(id -u):$(id -g)" -v "$dir:/out" "$UXAUDIT_DOCKER" "$@"
  else
    command uxaudit "$@"
  fi
}

rm -rf today
set -- audit "$site" --out today --format html,json,md --history uxaudit-history.db
if [ -f last/result.json ]; then
  set -- "$@" --baseline last/result.json --fail-on new
fi
uxaudit "$@"
status=$?
if [ "$status" -eq 0 ]; then
  rm -rf last && mv today last
fi
exit "$status"
