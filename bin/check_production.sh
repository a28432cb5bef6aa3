#!/usr/bin/env bash
# Follows the README's "Production" section once, against DATABASE_URL (an empty database the
# role owns): build, install the build's production dependencies, migrate, serve with
# NODE_ENV=production on a free port, check /health and the French 404 page, then SIGTERM the
# server and check that it exits. Run from a checkout where `npm ci` was done (CI does it).
set -euo pipefail
cd "$(dirname "$0")/.."
: "${DATABASE_URL:?set DATABASE_URL to the PostgreSQL database to migrate and serve}"

started=$SECONDS
step() { echo "::: production: $* ($((SECONDS - started)) s)"; }
fail() {
  echo "::: production check FAILED: $*" >&2
  if [ -n "${log:-}" ] && [ -f "$log" ]; then
    echo "--- server output (last 60 lines)" >&2
    tail -n 60 "$log" >&2
  fi
  exit 1
}

random_hex() { od -An -tx1 -N"$1" /dev/urandom | tr -d ' \n'; }

free_port() {
  local port
  for _ in $(seq 1 50); do
    port=$((20000 + $(od -An -tu2 -N2 /dev/urandom | tr -d ' ') % 40000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return
    fi
  done
  return 1
}

step "npm run build"
npm run build >/dev/null

step "cd build && npm ci --omit=dev"
(cd build && npm ci --omit=dev --no-audit --no-fund --loglevel=error >/dev/null)

port=$(free_port) || fail "no free port"
APP_KEY=$(random_hex 32)
export NODE_ENV=production DATABASE_URL APP_KEY HOST=127.0.0.1 PORT="$port" \
  APP_URL=https://socle.example.org SESSION_DRIVER=database TRUSTED_PROXIES=127.0.0.1 LOG_LEVEL=info
cd build

step "migrate and serve on 127.0.0.1:$port (the README's command)"
log=$(mktemp /tmp/socle-production.XXXXXX.log)
# Its own process group, so that nothing it started can outlive this script.
setsid sh -c 'npm exec -- node ace migration:run --force && exec node_modules/.bin/node bin/server.js' \
  >"$log" 2>&1 &
server=$!
cleanup() {
  if pgrep -g "$server" >/dev/null; then kill -KILL -- "-$server" 2>/dev/null || true; fi
  rm -f "$log"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Bounded wait for readiness (a start-up check, not a timing assertion).
status=
for _ in $(seq 1 240); do
  if ! kill -0 "$server" 2>/dev/null; then fail "the server exited before answering /health"; fi
  status=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/health" || true)
  if [ "$status" = 200 ]; then break; fi
  sleep 0.5
done
[ "$status" = 200 ] || fail "/health did not answer 200 within 120 s (last: ${status:-none})"
step "/health answers 200"
health=$(curl -s "http://127.0.0.1:$port/health")
echo "$health" | grep -q '"database":{"status":"ok"' || fail "/health does not report the database: $health"

page=$(mktemp)
missing="/page-inexistante-$(random_hex 4)"
status=$(curl -s -o "$page" -w '%{http_code}' -H 'Accept: text/html' "http://127.0.0.1:$port$missing")
body=$(cat "$page")
rm -f "$page"
[ "$status" = 404 ] || fail "$missing answered $status, not 404"
echo "$body" | grep -q 'Page introuvable' || fail "the 404 page is not the French one: ${body:0:300}"
if echo "$body" | grep -Eq 'E_ROUTE_NOT_FOUND|node_modules|\.(js|ts):[0-9]+|    at |Error:'; then
  fail "the 404 page shows a stack trace or an error name"
fi
step "$missing answers the French 404 page, no stack trace"

# SIGTERM to the server's process only, as a supervisor does: it drains and stops by itself.
kill -TERM "$server"
for _ in $(seq 1 120); do
  if ! kill -0 "$server" 2>/dev/null; then break; fi
  sleep 0.5
done
if kill -0 "$server" 2>/dev/null; then fail "the server did not exit within 60 s of SIGTERM"; fi
code=0
wait "$server" || code=$?
[ "$code" = 0 ] || fail "the server exited with status $code after SIGTERM"
if pgrep -g "$server" >/dev/null; then fail "processes of the server are still running"; fi
grep -q '^{"level"' "$log" || fail "no JSON log line on stdout"
step "SIGTERM: the server drained and exited with status 0"
