#!/usr/bin/env bash
# Install and start what the tests need beyond Python: a throwaway PostgreSQL server for the
# history tests and Debian's Chromium + ChromeDriver for the browser test. Sourced by .ci/run,
# so the exports reach pytest. Root is needed to install packages (CI runs as root).
set -euo pipefail

SUDO=""
if [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null; then SUDO="sudo"; fi

need=()
ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1 || need+=(postgresql)
command -v chromium >/dev/null || need+=(chromium)
command -v chromedriver >/dev/null || need+=(chromium-driver)
if [ "${#need[@]}" -gt 0 ]; then
  echo "installing ${need[*]}" >&2
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
fi

# PostgreSQL: a fresh cluster in a temp dir on a free loopback port, stopped when CI exits.
PG_BIN="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"
PG_DATA="$(mktemp -d)"
PG_PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
as_postgres=()
if [ "$(id -u)" -eq 0 ]; then
  chown postgres "$PG_DATA"
  as_postgres=(runuser -u postgres --)
fi
"${as_postgres[@]}" "$PG_BIN/initdb" -D "$PG_DATA" -A trust -U postgres >/dev/null
"${as_postgres[@]}" "$PG_BIN/pg_ctl" -D "$PG_DATA" -l "$PG_DATA/server.log" -w \
  -o "-p $PG_PORT -k $PG_DATA -c listen_addresses=127.0.0.1" start >/dev/null
trap '"${as_postgres[@]}" "$PG_BIN/pg_ctl" -D "$PG_DATA" -m fast stop >/dev/null 2>&1 || true' EXIT
export ASSISTANT_TEST_DATABASE_URL="postgresql+psycopg://postgres@127.0.0.1:$PG_PORT/postgres"
export ASSISTANT_REQUIRE_POSTGRES=1 ASSISTANT_REQUIRE_BROWSER=1
export ASSISTANT_REQUIRE_CHROMA_SERVER=1  # `chroma run` ships with the chromadb package
echo "PostgreSQL on port $PG_PORT; Chromium $(chromium --version 2>/dev/null | awk '{print $2}')" >&2
