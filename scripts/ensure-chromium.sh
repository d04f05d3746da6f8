#!/usr/bin/env bash
# The browser tests use Debian's Chromium (never a downloaded browser build). Install it when it is
# missing, so `npm test` works on a fresh machine with nothing done by hand.
set -euo pipefail
chromium=${CHROMIUM_PATH:-/usr/bin/chromium}
[ -x "$chromium" ] && exit 0
if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
  echo "Installing Debian's chromium for the browser tests (once)..."
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  exit 0
fi
echo "The browser tests need Chromium at $chromium: install Debian's 'chromium' package (or set CHROMIUM_PATH)." >&2
exit 1
