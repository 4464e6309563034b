#!/usr/bin/env bash
# `pnpm db:generate --name <schema>[_what]`: drizzle-kit generate, limited to the pg schemas
# already migrated plus the one the migration is named after. Several services' schemas
# evolve side by side; this keeps one service's unfinished tables out of another's
# migration. DRIZZLE_SCHEMAS=a,b overrides the choice.
source "$(dirname "$0")/lib.sh"
check_node
name=""
args=("$@")
for ((i = 0; i < ${#args[@]}; i++)); do
  case "${args[$i]}" in
    --name) name="${args[$((i + 1))]:-}" ;;
    --name=*) name="${args[$i]#--name=}" ;;
  esac
done
if [ -z "${DRIZZLE_SCHEMAS:-}" ]; then
  known="platform resourcing referrals planning notifications"
  latest=$(ls migrations/meta/*_snapshot.json 2>/dev/null | sort | tail -1 || true)
  existing=""
  if [ -n "$latest" ]; then
    existing=$(node -e 'console.log(Object.keys(JSON.parse(require("fs").readFileSync(process.argv[1],"utf8")).schemas).join(" "))' "$latest")
  fi
  target="${name%%_*}"
  case " $known " in *" $target "*) ;; *) target="" ;; esac
  DRIZZLE_SCHEMAS=$(echo "platform $existing $target" | tr ' ' '\n' | sed '/^$/d' | sort -u | paste -sd, -)
  export DRIZZLE_SCHEMAS
fi
say "generating for schemas: $DRIZZLE_SCHEMAS"
mkdir -p "$ROOT/.dev"
# One generator at a time: two at once would both take the next migration number.
exec flock "$ROOT/.dev/db-generate.lock" "$ROOT/node_modules/.bin/drizzle-kit" generate --config packages/db/drizzle.config.ts "$@"
