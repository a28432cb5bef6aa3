#!/usr/bin/env bash
# A throwaway "external" PostgreSQL for CI: Debian's server (installed when missing), started in
# DIR on a free port of 127.0.0.1, password (SCRAM) authentication, with a role `socle_ci` that
# is no superuser, has CREATEDB, may set session_replication_role (db:restore) and owns a
# database `socle`.
#
#   bin/external_postgres.sh start DIR   prints the role's DATABASE_URL on stdout
#   bin/external_postgres.sh stop DIR    stops that server and deletes DIR (safe to call twice)
#
# As root (CI), the server runs as the `postgres` system user that Debian's package creates.
set -euo pipefail

command=${1:-}
dir=${2:-}
if [ -z "$command" ] || [ -z "$dir" ]; then
  echo "usage: $0 start|stop DIR" >&2
  exit 2
fi

pg_bin() {
  local dirs=(/usr/lib/postgresql/*/bin)
  if [ -d "${dirs[0]}" ]; then printf '%s\n' "${dirs[@]}" | sort -V | tail -n 1; fi
}

as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

random_hex() { od -An -tx1 -N16 /dev/urandom | tr -d ' \n'; }

install_postgres() {
  if [ -n "$(pg_bin)" ] && [ -x "$(pg_bin)/initdb" ]; then return; fi
  if [ "$(id -u)" != 0 ]; then
    echo "PostgreSQL server binaries missing: apt-get install postgresql (as root)" >&2
    exit 1
  fi
  echo "installing Debian's postgresql" >&2
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
  # The package creates and may start a `main` cluster: we do not use it, leave nothing running.
  if command -v pg_lsclusters >/dev/null; then
    pg_lsclusters --no-header | while read -r version name _port status _rest; do
      if [ "$status" = online ]; then pg_ctlcluster "$version" "$name" stop >&2 || true; fi
    done
  fi
}

start() {
  install_postgres
  local bin superuser_password password port
  bin=$(pg_bin)
  mkdir -p "$dir"
  chmod 700 "$dir"
  if [ "$(id -u)" = 0 ]; then chown postgres: "$dir"; fi
  superuser_password=$(random_hex)
  # Characters that must be percent-encoded in the URL, to exercise DATABASE_URL parsing.
  password="ci/p@ss:$(random_hex)"
  (umask 077 && printf '%s\n' "$superuser_password" >"$dir/superuser.password")
  if [ "$(id -u)" = 0 ]; then chown postgres: "$dir/superuser.password"; fi
  as_owner "$bin/initdb" --pgdata="$dir/data" --username=postgres --auth=scram-sha-256 \
    --pwfile="$dir/superuser.password" --encoding=UTF8 --locale=C.UTF-8 --no-sync >/dev/null

  # A free port: probe a random one, and try another if the server cannot bind it.
  for _ in 1 2 3 4 5; do
    port=$((20000 + $(od -An -tu2 -N2 /dev/urandom | tr -d ' ') % 40000))
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then continue; fi
    if as_owner "$bin/pg_ctl" --pgdata="$dir/data" --log="$dir/server.log" --wait --timeout=60 \
      -o "-c listen_addresses=127.0.0.1 -p $port -c unix_socket_directories='$dir' -c max_connections=200 -c fsync=off" \
      start >/dev/null; then
      break
    fi
    port=
  done
  if [ -z "$port" ]; then
    echo "external PostgreSQL did not start; log:" >&2
    cat "$dir/server.log" >&2 || true
    exit 1
  fi

  PGPASSWORD=$superuser_password "$bin/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$port" \
    -U postgres -d postgres >/dev/null <<SQL
CREATE ROLE socle_ci LOGIN CREATEDB PASSWORD '$password';
CREATE DATABASE socle OWNER socle_ci;
-- db:restore loads rows with triggers off (session_replication_role): not a superuser's right
-- by default, grantable since PostgreSQL 15 (as on managed servers).
SELECT current_setting('server_version_num')::int >= 150000 AS grantable \gset
\if :grantable
GRANT SET ON PARAMETER session_replication_role TO socle_ci;
\endif
SQL
  echo "postgresql://socle_ci:ci%2Fp%40ss%3A${password#ci/p@ss:}@127.0.0.1:$port/socle?sslmode=disable"
}

stop() {
  local bin
  bin=$(pg_bin)
  if [ -n "$bin" ] && [ -f "$dir/data/postmaster.pid" ]; then
    as_owner "$bin/pg_ctl" --pgdata="$dir/data" --mode=fast --wait --timeout=60 stop >/dev/null ||
      echo "external PostgreSQL: pg_ctl stop failed" >&2
  fi
  rm -rf "$dir"
}

case "$command" in
  start) start ;;
  stop) stop ;;
  *)
    echo "usage: $0 start|stop DIR" >&2
    exit 2
    ;;
esac
