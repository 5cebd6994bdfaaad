#!/bin/bash
# Starts a throwaway PostgreSQL cluster (Debian's server, run as the postgres user) and prints its URL.
#   scripts/pg-start.sh DIR [PORT]       stop: scripts/pg-stop.sh DIR
# The database is created with a C.UTF-8 ctype: with LC_CTYPE=C, pg_trgm drops Chinese characters.
set -euo pipefail
DIR=$1; PORT=${2:-54329}
PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
mkdir -p "$DIR"; chown postgres:postgres "$DIR"; chmod 700 "$DIR"
runuser -u postgres -- "$PGBIN/initdb" -D "$DIR/data" -E UTF8 --locale=C.UTF-8 -A trust -U postgres --no-sync >"$DIR/initdb.log"
runuser -u postgres -- "$PGBIN/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w \
  -o "-p $PORT -k $DIR -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" start >/dev/null
echo "postgres://postgres@127.0.0.1:$PORT/postgres"
