# syntax=docker/dockerfile:1
#
# uxaudit with Debian's Chromium, as a non-root user, under tini.
#
#   docker build -t uxaudit --build-arg VERSION="$(git describe --tags --always --dirty)" .
#   docker run --rm uxaudit demo --out /tmp/demo
#
# No container engine runs where uxaudit is developed, so every step here is
# one that scripts/docker-path-test.sh also runs outside a container: the
# same build command (read from this file), the same Debian packages, the
# same Chromium launcher snippet, and a demo audit as a non-root user under
# tini. See "Docker" in README.md for a nightly job.

# Build: a static binary (no cgo), paths trimmed, symbols stripped.
FROM golang:1.26-bookworm AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
ARG VERSION=
RUN CGO_ENABLED=0 go build -trimpath -ldflags "-s -w -X main.version=${VERSION}" -o /out/uxaudit ./cmd/uxaudit
RUN /out/uxaudit version

# Run: Debian's Chromium for the browser pass, tini to reap Chromium's
# child processes (zombies otherwise pile up under PID 1), CA certificates
# for https sites, and fonts with the metrics of Arial and Times.
FROM debian:bookworm-slim
RUN apt-get update \
 && apt-get install -y --no-install-recommends chromium tini ca-certificates fonts-liberation \
 && rm -rf /var/lib/apt/lists/*
COPY scripts/chromium-sandbox.sh /etc/chromium.d/uxaudit-sandbox
RUN useradd --create-home --uid 10001 --user-group uxaudit \
 && mkdir /out && chown uxaudit:uxaudit /out
COPY --from=build /out/uxaudit /usr/local/bin/uxaudit
# Chromium keeps its profile in a temporary folder; with `docker run --user`
# and an unknown UID, HOME may not be writable, so its caches go to /tmp.
ENV CHROME_PATH=/usr/bin/chromium \
    XDG_CONFIG_HOME=/tmp/.config \
    XDG_CACHE_HOME=/tmp/.cache
USER uxaudit
WORKDIR /out
ENTRYPOINT ["tini", "--", "uxaudit"]
CMD ["--help"]
