#!/usr/bin/env bash
# Start a throwaway PostgreSQL on 127.0.0.1 for the store tests and print its URL.
# Installs Debian's postgresql package when no server binaries are present.
set -euo pipefail
PORT=${NAPLOG_PG_PORT:-$(python3 -c "import socket; s=socket.socket(); s.bind((\"127.0.0.1\", 0)); print(s.getsockname()[1])")}
pgbin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }
if [ -z "$(pgbin)" ] || [ ! -x "$(pgbin)/initdb" ]; then
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
fi
BIN=$(pgbin)
DATA=$(mktemp -d /tmp/naplog-pg.XXXXXX)
if [ "$(id -u)" = 0 ]; then
  chown postgres:postgres "$DATA"
  run() { su postgres -s /bin/bash -c "$*"; }
else
  run() { bash -c "$*"; }
fi
run "$BIN/initdb -D $DATA -A trust -U postgres --no-sync" >/dev/null
run "$BIN/pg_ctl -D $DATA -l $DATA/server.log -w -o '-p $PORT -k /tmp -c listen_addresses=127.0.0.1 -c fsync=off' start" >/dev/null
run "$BIN/createdb -h 127.0.0.1 -p $PORT -U postgres naplog_test"
echo "postgresql://postgres@127.0.0.1:$PORT/naplog_test"
