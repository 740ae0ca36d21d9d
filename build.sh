#!/usr/bin/env bash
# The one entry point: ./build.sh test | run | package
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$root"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

log() { printf '==> %s\n' "$*" >&2; }

# Azurite comes from the committed package-lock.json.
ensure_azurite() {
  if [ ! -x node_modules/.bin/azurite ]; then
    log "installing Azurite (npm ci)"
    npm ci --no-audit --no-fund --loglevel=error >&2
  fi
  export SCANNER_AZURITE_PATH="$root/node_modules/.bin/azurite"
}

# The CNCF distribution registry, from Debian, for the registry tests.
ensure_registry() {
  if ! command -v docker-registry >/dev/null 2>&1 && [ ! -x /usr/bin/docker-registry ]; then
    log "installing the docker-registry Debian package"
    local sudo=""
    [ "$(id -u)" -ne 0 ] && sudo="sudo"
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends docker-registry >&2
  fi
  export SCANNER_REGISTRY_PATH="${SCANNER_REGISTRY_PATH:-/usr/bin/docker-registry}"
}

needs_registry() { ls tests/*Registry*.Tests tests/*Functions*.Tests >/dev/null 2>&1; }

# Sums the Counters of every TRX file: total passed failed skipped.
sum_trx() {
  local passed=0 failed=0 skipped=0 f counters get
  for f in "$@"; do
    counters=$(grep -o '<Counters [^>]*>' "$f" | head -n1)
    get() { printf '%s' "$counters" | sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p"; }
    passed=$((passed + $(get passed)))
    failed=$((failed + $(get failed) + $(get error) + $(get timeout) + $(get aborted)))
    skipped=$((skipped + $(get notExecuted)))
  done
  echo "$passed $failed $skipped"
}

cmd_test() {
  ensure_azurite
  if needs_registry; then ensure_registry; fi
  local results="$root/artifacts/test-results"
  rm -rf "$results"
  mkdir -p "$results"
  log "building (warnings are errors)"
  if ! dotnet build Scanner.sln -c Release -nologo -clp:ErrorsOnly; then
    echo "build failed" >&2
    echo "tests: 0 passed, 1 failed, 0 skipped"
    exit 1
  fi
  log "running every test project"
  local rc=0
  dotnet test Scanner.sln -c Release --no-build -nologo \
    --logger "trx" --logger "console;verbosity=minimal" \
    --results-directory "$results" || rc=$?
  local trx=("$results"/*.trx)
  local passed=0 failed=0 skipped=0
  if [ -e "${trx[0]}" ]; then
    read -r passed failed skipped < <(sum_trx "${trx[@]}")
  fi
  # A test host that crashed leaves no failed count behind: still a failure.
  if [ "$rc" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi
  echo "tests: $passed passed, $failed failed, $skipped skipped"
  [ "$failed" -eq 0 ] && [ "$rc" -eq 0 ]
}

usage() {
  cat <<USAGE
usage: ./build.sh <command>
  test      build everything and run every test project
  run       start the service standalone (Azurite started for you)
  package   build artifacts/functionapp.zip for Azure Functions
USAGE
}

case "${1:-}" in
  test) shift; cmd_test "$@" ;;
  -h|--help|help|"") usage ;;
  *) echo "unknown command: $1" >&2; usage >&2; exit 2 ;;
esac
