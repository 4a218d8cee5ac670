#!/usr/bin/env bash
# Starts a private PostgreSQL server for the storage tests and prints the URL to use:
#
#   export MEETLAT_TEST_DATABASE_URL="$(bash test/setup/start-postgres.sh)"
#
# Idempotent and non-interactive (Debian 12, as root or via sudo): installs Debian's postgresql
# package if no server binaries are present, initialises a data directory of its own (not the
# system cluster, so nothing else on the machine is touched), listens on 127.0.0.1 only, and
# creates the role and database meetlat_test. Settings favour speed over durability (fsync off):
# the data is thrown away. Only the URL goes to stdout; progress goes to stderr.
#
# Environment: MEETLAT_PG_DIR (default /tmp/meetlat-postgres), MEETLAT_PG_PORT (default 54329).
# Stop it with: su postgres -c "<bindir>/pg_ctl -D $MEETLAT_PG_DIR/data stop" (printed below).
set -euo pipefail

PG_DIR="${MEETLAT_PG_DIR:-/tmp/meetlat-postgres}"
PG_PORT="${MEETLAT_PG_PORT:-54329}"
DATA="$PG_DIR/data"
DB="meetlat_test"
ROLE="meetlat"
PASSWORD="meetlat"

log() { echo "start-postgres: $*" >&2; }

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else log "must run as root (or with sudo)"; exit 1; fi
fi

find_bindir() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1; }

BINDIR="$(find_bindir)"
if [ -z "$BINDIR" ] || [ ! -x "$BINDIR/initdb" ]; then
  log "installing postgresql (apt)"
  # The package's own system cluster is not started: this script runs a private one.
  bash "$(dirname "$0")/apt-install-quietly.sh" postgresql
  BINDIR="$(find_bindir)"
fi
[ -x "$BINDIR/pg_ctl" ] || { log "no pg_ctl found under /usr/lib/postgresql"; exit 1; }

# The server refuses to run as root: everything below runs as the postgres user.
as_postgres() {
  if [ "$(id -un)" = postgres ]; then "$@"
  elif [ -n "$SUDO" ]; then sudo -u postgres -- "$@"
  elif command -v runuser >/dev/null 2>&1; then runuser -u postgres -- "$@"
  else su postgres -s /bin/sh -c "$(printf '%q ' "$@")"; fi
}

$SUDO mkdir -p "$PG_DIR"
$SUDO chown postgres:postgres "$PG_DIR"
$SUDO chmod 700 "$PG_DIR"

if [ ! -s "$DATA/PG_VERSION" ]; then
  log "initialising $DATA"
  as_postgres "$BINDIR/initdb" -D "$DATA" -U postgres --auth-local=trust --auth-host=scram-sha-256 \
    --encoding=UTF8 --locale=C.UTF-8 >&2
  cat <<EOF | as_postgres tee -a "$DATA/postgresql.conf" >/dev/null
# meetlat test server: loopback only, fast and not durable
listen_addresses = '127.0.0.1'
port = $PG_PORT
unix_socket_directories = '$PG_DIR'
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 200
EOF
fi

if ! as_postgres "$BINDIR/pg_ctl" -D "$DATA" status >/dev/null 2>&1; then
  log "starting the server on 127.0.0.1:$PG_PORT"
  as_postgres "$BINDIR/pg_ctl" -D "$DATA" -l "$PG_DIR/server.log" -w -t 60 start >&2
fi

psql_admin() { as_postgres "$BINDIR/psql" -h "$PG_DIR" -p "$PG_PORT" -U postgres -d postgres -v ON_ERROR_STOP=1 -qtA "$@"; }

if [ "$(psql_admin -c "select 1 from pg_roles where rolname = '$ROLE'")" != "1" ]; then
  log "creating role $ROLE"
  psql_admin -c "create role $ROLE login password '$PASSWORD'" >&2
fi
if [ "$(psql_admin -c "select 1 from pg_database where datname = '$DB'")" != "1" ]; then
  log "creating database $DB"
  psql_admin -c "create database $DB owner $ROLE" >&2
fi

log "ready (stop: su postgres -c '$BINDIR/pg_ctl -D $DATA stop')"
echo "postgres://$ROLE:$PASSWORD@127.0.0.1:$PG_PORT/$DB"
