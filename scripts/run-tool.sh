#!/usr/bin/env bash
# Runs one of the TypeScript tools in scripts/ (token, migrate, seed…) after the same
# set-up as `pnpm start`, quietly.
source "$(dirname "$0")/lib.sh"
check_node
ensure_pnpm
ensure_deps
tool="$1"; shift
case "$tool" in
  scripts/token.ts) ensure_dev_keys ;;
  *) ensure_services; ensure_dev_keys ;;
esac
tsx_run "$tool" "$@"
