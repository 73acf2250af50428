#!/usr/bin/env bash
# Debian's Chromium for the browser tests (apps/web/test/*.browser-spec.ts, driven by playwright-core).
# Never downloads a browser of its own: apt-get as root (or with sudo), else says what to run.
set -euo pipefail
CHROMIUM="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ -x "$CHROMIUM" ]; then
  echo "[browser] chromium: $CHROMIUM ($("$CHROMIUM" --version 2>/dev/null || echo 'version unknown'))"
  exit 0
fi
install=(apt-get install -y --no-install-recommends chromium)
if [ "$(id -u)" = 0 ]; then
  DEBIAN_FRONTEND=noninteractive apt-get update && DEBIAN_FRONTEND=noninteractive "${install[@]}"
elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
  sudo DEBIAN_FRONTEND=noninteractive apt-get update && sudo DEBIAN_FRONTEND=noninteractive "${install[@]}"
else
  echo "[browser] no Chromium at $CHROMIUM and no root to install it." >&2
  echo "[browser] run as root: apt-get update && ${install[*]}" >&2
  echo "[browser] (or set CHROMIUM_PATH to an existing Chromium executable)" >&2
  exit 1
fi
if [ ! -x "$CHROMIUM" ]; then
  echo "[browser] apt-get finished but $CHROMIUM is still missing: install Debian's chromium package" >&2
  exit 1
fi
echo "[browser] chromium installed: $CHROMIUM"
