#!/usr/bin/env bash
# A copy of the team recipe (shared/recipes/pg-throwaway.sh), kept here because a clone has no shared/.
# Differs from the recipe in two places: initdb gets -E UTF8 --no-locale, because with no LANG set
# (a login shell, some CI) it would pick SQL_ASCII and psycopg would hand back bytes, not str;
# and a failed start stops what it started and removes its folder.
# Start a throwaway PostgreSQL server on 127.0.0.1 for tests, as root (CI) or as a normal user.
# Needs Debian's postgresql package. Password authentication is on, so the keyring path is real.
# Prints three lines to source: CLEARSIGHT_TEST_PG_URL (no password in it), CLEARSIGHT_TEST_PG_PASSWORD,
# and CLEARSIGHT_TEST_PG_STOP (a command that stops the server and removes its files).
#   eval "$(tests/helpers/pg_throwaway.sh)"   (packaging/test.sh does this)
set -euo pipefail
PGBIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -n "$PGBIN" ] || { echo "no PostgreSQL server binaries: apt-get install postgresql" >&2; exit 2; }
dir=$(mktemp -d)
chmod 755 "$dir"
port=${PGPORT:-54329}
pw=$(head -c 18 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')
printf '%s\n' "$pw" > "$dir/pw"
if [ "$(id -u)" = 0 ]; then
  chown -R postgres "$dir"
  as() { runuser -u postgres -- "$@"; }
else
  as() { "$@"; }
fi
started=0
cleanup() {
  [ "$started" = 1 ] && return
  [ -f "$dir/log" ] && tail -n 5 "$dir/log" >&2
  as "$PGBIN/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}
trap cleanup EXIT
as "$PGBIN/initdb" -D "$dir/data" -U clearsight --pwfile="$dir/pw" -A scram-sha-256 -E UTF8 --no-locale >/dev/null
as "$PGBIN/pg_ctl" -D "$dir/data" -o "-p $port -k $dir -c listen_addresses=127.0.0.1" -l "$dir/log" -w start >/dev/null
PGPASSWORD=$pw as "$PGBIN/createdb" -h 127.0.0.1 -p "$port" -U clearsight clearsight_test
rm -f "$dir/pw"
started=1
echo "export CLEARSIGHT_TEST_PG_URL='postgresql+psycopg://clearsight@127.0.0.1:$port/clearsight_test'"
echo "export CLEARSIGHT_TEST_PG_PASSWORD='$pw'"
if [ "$(id -u)" = 0 ]; then
  echo "export CLEARSIGHT_TEST_PG_STOP='runuser -u postgres -- $PGBIN/pg_ctl -D $dir/data -m fast stop >/dev/null; rm -rf $dir'"
else
  echo "export CLEARSIGHT_TEST_PG_STOP='$PGBIN/pg_ctl -D $dir/data -m fast stop >/dev/null; rm -rf $dir'"
fi
