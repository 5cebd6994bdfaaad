#!/bin/bash
# Stops the throwaway cluster started by pg-start.sh.
set -euo pipefail
DIR=$1
PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
[ -d "$DIR/data" ] && runuser -u postgres -- "$PGBIN/pg_ctl" -D "$DIR/data" -m fast -w stop >/dev/null || true
