# Sourced by Debian's /usr/bin/chromium launcher from /etc/chromium.d/ (the
# Dockerfile copies it there). Chromium's sandbox needs unprivileged user
# namespaces; a container's default seccomp profile forbids them, and then
# Chromium refuses to start as a non-root user. Where they are available
# (another runtime, a seccomp profile that allows them), the sandbox stays on;
# where they are not, the container is the sandbox and Chromium runs without
# its own. scripts/docker-path-test.sh tests both branches.
if ! unshare --user --map-root-user --pid --net --fork true >/dev/null 2>&1; then
  export CHROMIUM_FLAGS="$CHROMIUM_FLAGS --no-sandbox"
fi
