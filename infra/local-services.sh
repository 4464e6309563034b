#!/usr/bin/env bash
# PostgreSQL and Redis on loopback, as `pnpm start` and `pnpm test` need them.
source "$(dirname "$0")/../scripts/lib.sh"
ensure_services
say "PostgreSQL and Redis are up"
