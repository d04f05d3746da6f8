#!/usr/bin/env bash
# The shared-state tests start Debian's redis-server (never a downloaded build). Install it when it
# is missing, so `npm test` works on a fresh machine with nothing done by hand; quiet when present.
set -euo pipefail
redis=${REDIS_SERVER_PATH:-/usr/bin/redis-server}
[ -x "$redis" ] && exit 0
if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
  echo "Installing Debian's redis-server for the shared-state tests (once)..."
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends redis-server >/dev/null
  # The package starts a system-wide Redis on 6379; the tests start their own on a free port.
  (systemctl disable --now redis-server || service redis-server stop) >/dev/null 2>&1 || true
  exit 0
fi
echo "The shared-state tests need redis-server at $redis: install Debian's 'redis-server' package (or set REDIS_SERVER_PATH)." >&2
exit 1
