#!/usr/bin/env bash
# `pnpm test` (or `npm test`): the same set-up as `pnpm start`, then types, lint and every
# test against real PostgreSQL and Redis. Ends with a plain "N passed, N failed" line.
# Extra arguments go to vitest (e.g. `pnpm test --project resourcing`).
source "$(dirname "$0")/lib.sh"
prepare
mkdir -p .dev
say "type-checking (tsc -b)"
"$ROOT/node_modules/.bin/tsc" -b
say "linting (biome)"
"$ROOT/node_modules/.bin/biome" ci --reporter=summary . >/dev/null 2>&1 || "$ROOT/node_modules/.bin/biome" ci .
say "running the tests"
results="$ROOT/.dev/vitest-results.json"
rm -f "$results"
set +e
"$ROOT/node_modules/.bin/vitest" run --reporter=default --reporter=json --outputFile.json="$results" "$@"
rc=$?
set -e
if [ -f "$results" ]; then
  node -e '
    const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
    const skipped = (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
    console.log(`${r.numPassedTests} passed, ${r.numFailedTests} failed` + (skipped ? `, ${skipped} skipped` : ""));
  ' "$results"
else
  echo "0 passed, 1 failed"
fi
exit $rc
