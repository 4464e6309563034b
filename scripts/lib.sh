# Shared set-up for `pnpm start`, `pnpm test` and `.ci/run`: everything a fresh clone on a
# machine with only Node 20 needs. Sourced, not run.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
PNPM_VERSION=10.34.9
export DATABASE_URL="${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/tym}"
export REDIS_URL="${REDIS_URL:-redis://127.0.0.1:6379}"

say() { printf '\033[1m[tym]\033[0m %s\n' "$*" >&2; }
die() { printf '\033[1;31m[tym]\033[0m %s\n' "$*" >&2; exit 1; }

check_node() {
  command -v node >/dev/null 2>&1 || die "Node.js 20.19 or newer is needed: install it from https://nodejs.org or your package manager."
  node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>20||(a===20&&b>=19)?0:1)' \
    || die "Node.js $(node --version) is too old: 20.19 or newer is needed."
}

# pnpm pinned to PNPM_VERSION: the one on PATH if it is that version, else fetched by npm.
ensure_pnpm() {
  if command -v pnpm >/dev/null 2>&1 && [ "$(pnpm --version 2>/dev/null)" = "$PNPM_VERSION" ]; then
    PNPM=(pnpm)
  else
    local dir="$ROOT/.dev/pnpm"
    if [ ! -x "$dir/node_modules/.bin/pnpm" ]; then
      say "fetching pnpm $PNPM_VERSION"
      mkdir -p "$dir"
      npm install --silent --no-audit --no-fund --prefix "$dir" "pnpm@$PNPM_VERSION" >/dev/null
    fi
    PNPM=("$dir/node_modules/.bin/pnpm")
  fi
  export COREPACK_ENABLE_STRICT=0
}

# Dependencies installed when missing or older than the lockfile.
ensure_deps() {
  local marker="$ROOT/node_modules/.modules.yaml"
  if [ ! -f "$marker" ] || [ "$ROOT/pnpm-lock.yaml" -nt "$marker" ] || [ "$ROOT/package.json" -nt "$marker" ]; then
    say "installing dependencies"
    "${PNPM[@]}" install --frozen-lockfile --config.confirmModulesPurge=false
    touch "$marker"
  fi
}

pg_up() { node -e 'const s=require("net").connect(5432,"127.0.0.1");s.on("connect",()=>process.exit(0));s.on("error",()=>process.exit(1))'; }
redis_up() { node -e 'const s=require("net").connect(6379,"127.0.0.1");s.on("connect",()=>{s.write("PING\r\n")});s.on("data",d=>process.exit(String(d).startsWith("+PONG")?0:1));s.on("error",()=>process.exit(1))'; }

can_install() { [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; }

# PostgreSQL and Redis on loopback: used when running, started (and installed from
# Debian's packages, as root) when not, else a clear message of what to install.
ensure_services() {
  local custom_db=0
  case "$DATABASE_URL" in *@127.0.0.1:5432/*|*@localhost:5432/*) ;; *) custom_db=1 ;; esac
  if ! redis_up; then
    if command -v redis-server >/dev/null 2>&1 || can_install; then
      if ! command -v redis-server >/dev/null 2>&1; then
        say "installing redis-server"; apt-get update -qq; DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server >/dev/null
      fi
      say "starting Redis on 127.0.0.1:6379"
      redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no --maxmemory-policy noeviction >/dev/null
      for _ in $(seq 1 50); do redis_up && break; sleep 0.1; done
    fi
    redis_up || die "Redis is not running on 127.0.0.1:6379. Install and start it (Debian: apt-get install redis-server), or set REDIS_URL."
  fi
  if [ "$custom_db" = 0 ] && ! pg_up; then
    if can_install || command -v pg_ctlcluster >/dev/null 2>&1; then
      if ! dpkg -s postgresql >/dev/null 2>&1; then
        say "installing PostgreSQL"; apt-get update -qq; DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
      fi
      local v; v=$(ls /etc/postgresql | sort -V | tail -1)
      sed -i -E 's/^(local|host)(\s+.*\s)(peer|scram-sha-256|md5|ident)\s*$/\1\2trust/' "/etc/postgresql/$v/main/pg_hba.conf"
      say "starting PostgreSQL $v on 127.0.0.1:5432"
      pg_ctlcluster --skip-systemctl-redirect "$v" main start
      for _ in $(seq 1 100); do pg_up && break; sleep 0.1; done
    fi
    pg_up || die "PostgreSQL is not running on 127.0.0.1:5432. Install and start it (Debian: apt-get install postgresql, trust auth on loopback), or set DATABASE_URL."
  fi
}

# poppler-utils (pdftoppm, pdftotext): the tests render the client's letters (PDF) to images
# and text. Installed from Debian's packages as root when missing, else a clear message.
ensure_test_tools() {
  command -v pdftoppm >/dev/null 2>&1 && command -v pdftotext >/dev/null 2>&1 && return 0
  if can_install; then
    say "installing poppler-utils (pdftoppm, pdftotext)"
    apt-get update -qq; DEBIAN_FRONTEND=noninteractive apt-get install -y -qq poppler-utils >/dev/null
  fi
  command -v pdftoppm >/dev/null 2>&1 || say "pdftoppm is missing: the letter tests need poppler-utils (Debian: apt-get install poppler-utils)"
  ensure_chromium
}

# Chromium: the situational-picture page is tested in a real headless browser (puppeteer-core,
# which downloads none). Debian's package, installed as root when missing, else a clear message.
ensure_chromium() {
  command -v chromium >/dev/null 2>&1 && return 0
  if can_install; then
    say "installing chromium (the page tests drive it headless)"
    apt-get update -qq; DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  fi
  command -v chromium >/dev/null 2>&1 || say "chromium is missing: the page tests need it (Debian: apt-get install chromium)"
}

# tsx with the workspace source condition: runs TypeScript directly, no build step.
tsx_run() { "$ROOT/node_modules/.bin/tsx" --conditions=@tym/source "$@"; }

# A local identity provider for development: an ES256 key pair (never committed) and the
# trusted-issuer file the services read.
ensure_dev_keys() {
  if [ ! -f "$ROOT/.dev/auth-issuers.json" ] || [ ! -f "$ROOT/.dev/dev-idp.private.pem" ] || [ ! -f "$ROOT/.dev/secrets.env" ]; then
    say "creating the development identity provider's key pair in .dev/"
    tsx_run "$ROOT/scripts/dev-keys.ts"
  fi
  export AUTH_ISSUERS_FILE="${AUTH_ISSUERS_FILE:-$ROOT/.dev/auth-issuers.json}"
  if [ -z "${PII_ENCRYPTION_KEYS:-}" ]; then
    set -a; source "$ROOT/.dev/secrets.env"; set +a
  fi
}

prepare() {
  check_node
  ensure_pnpm
  ensure_deps
  ensure_services
  ensure_test_tools
  ensure_dev_keys
}
