#!/usr/bin/env bash
# `pnpm bench [scenario…]`: benchmarks against a dedicated database (tym_bench).
source "$(dirname "$0")/lib.sh"
prepare
tsx_run bench/run.ts "$@"
