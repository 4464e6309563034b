#!/usr/bin/env bash
# `pnpm start` (or `npm start`): the whole system on one machine. Installs what is
# missing, brings PostgreSQL and Redis up, migrates, loads reference data, then runs every
# service on one port with the worker, and prints the URLs. `--split`: every service and
# the worker as separate processes (their own server.ts) behind a path router on PORT.
source "$(dirname "$0")/lib.sh"
ENTRY=services/single-node/src/main.ts
for arg in "$@"; do
  case "$arg" in
    --split) ENTRY=services/single-node/src/split/main.ts ;;
    *) die "unknown option $arg (pnpm start [--split])" ;;
  esac
done
prepare
say "migrating $DATABASE_URL"
tsx_run scripts/migrate.ts
say "loading reference data"
tsx_run scripts/seed.ts
export PORT="${PORT:-3000}"
export PUBLIC_BASE_URL="${PUBLIC_BASE_URL:-http://127.0.0.1:$PORT}"
# The development token endpoint (POST /dev/token, for REST clients) only with the development
# identity provider's own issuer file.
if [ -z "${AUTH_ISSUERS:-}" ] && [ "${AUTH_ISSUERS_FILE:-}" = "$ROOT/.dev/auth-issuers.json" ]; then
  export DEV_IDP_PRIVATE_KEY_FILE="${DEV_IDP_PRIVATE_KEY_FILE:-$ROOT/.dev/dev-idp.private.pem}"
fi
if [ -t 1 ]; then export LOG_PRETTY="${LOG_PRETTY:-true}"; fi
exec "$ROOT/node_modules/.bin/tsx" --conditions=@tym/source "$ENTRY"
