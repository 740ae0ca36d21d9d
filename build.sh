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

needs_registry() { ls tests/*Registry*.Tests tests/*Cli*.Tests >/dev/null 2>&1; }

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

# Standalone service against Azurite on its default ports; Ctrl-C stops both.
cmd_run() {
  ensure_azurite
  if [ ! -f local.settings.json ]; then
    cp local.settings.sample.json local.settings.json
    log "created local.settings.json from local.settings.sample.json"
  fi
  log "building scanner"
  dotnet build src/Scanner.Cli -c Release -nologo -clp:ErrorsOnly -o artifacts/run >&2
  mkdir -p .azurite
  log "starting Azurite (data in .azurite/, log in .azurite/azurite.log)"
  "$SCANNER_AZURITE_PATH" --silent --location .azurite --debug .azurite/azurite.log \
    --blobHost 127.0.0.1 --queueHost 127.0.0.1 --tableHost 127.0.0.1 --skipApiVersionCheck >/dev/null 2>&1 &
  # Global, not local: the EXIT trap runs after this function has returned.
  azurite_pid=$!
  trap stop_azurite EXIT
  trap 'exit 130' INT TERM
  local tries=0
  until (exec 3<>/dev/tcp/127.0.0.1/10002) 2>/dev/null; do
    tries=$((tries + 1))
    if [ "$tries" -gt 100 ] || ! kill -0 "$azurite_pid" 2>/dev/null; then
      echo "Azurite did not start; see .azurite/azurite.log (are ports 10000-10002 free?)" >&2
      exit 1
    fi
    sleep 0.1
  done
  local url function_key admin_key
  url=$(setting ASPNETCORE_URLS); url=${url:-http://localhost:7071}
  function_key=$(setting Scanner__ApiKeys__Function)
  admin_key=$(setting Scanner__ApiKeys__Admin)
  cat >&2 <<INFO

  Extension Update Scanner (standalone) on $url
    catalog        curl $url/api/v1/extensions
    update check   curl '$url/api/v1/updates?apiVersion=0.3.4&installed=docker.io/portainer/portainer-docker-extension@2.19.0'
    change feed    curl $url/api/v1/changes
    health         curl $url/api/health
    OpenAPI        $url/api/openapi/v1.json
    scan now       curl -X POST -H 'x-functions-key: $admin_key' $url/api/v1/admin/scans
    webhook        $url/api/v1/webhooks/dockerhub?code=$function_key
  function key: $function_key   admin key: $admin_key   (from local.settings.json)
  Ctrl-C stops the service and Azurite.

INFO
  # In the foreground, so Ctrl-C reaches it (background jobs of a script ignore SIGINT); the EXIT trap stops Azurite.
  "$root/artifacts/run/scanner" serve
}

# Azurite's SIGTERM handler starts a graceful close that can hang; a second signal ends it, so give it 5 s.
stop_azurite() {
  kill "$azurite_pid" 2>/dev/null || return 0
  local waited=0
  while kill -0 "$azurite_pid" 2>/dev/null && [ "$waited" -lt 50 ]; do
    sleep 0.1
    waited=$((waited + 1))
  done
  kill -9 "$azurite_pid" 2>/dev/null || true
  wait "$azurite_pid" 2>/dev/null || true
}

# A Values entry of local.settings.json, for the banner.
setting() {
  python3 -c 'import json,sys; print(json.load(open("local.settings.json"))["Values"].get(sys.argv[1], ""))' "$1" 2>/dev/null || true
}

# The deployable zip: what `func azure functionapp publish` sends for an isolated-worker app, i.e. the publish output
# of Scanner.Functions (functions.metadata, worker.config.json, extensions.json, .azurefunctions/, the assemblies)
# with the repository's host.json at its root (the project publishes it there).
cmd_package() {
  local out="$root/artifacts/functionapp"
  rm -rf "$out" "$root/artifacts/functionapp.zip"
  mkdir -p "$out"
  log "publishing Scanner.Functions (Release, linux-x64, framework-dependent)"
  # Framework-dependent, without an apphost: the host starts `dotnet Scanner.Functions.dll` (worker.config.json) on the
  # .NET 10 that functionAppConfig.runtime selects. For linux-x64, the only platform of Flex Consumption, so the
  # package holds that platform's native assets only instead of a runtimes/ folder for every platform.
  # Publishing for a runtime adds packages to the restore; they go to a lock file of their own, so the lock files
  # the normal build checks stay as committed.
  dotnet publish src/Scanner.Functions -c Release -r linux-x64 --self-contained false -nologo \
    -p:UseAppHost=false -p:SatelliteResourceLanguages=en \
    -p:NuGetLockFilePath=obj/packages.linux-x64.lock.json -p:RestoreLockedMode=false \
    -o "$out" -clp:ErrorsOnly >&2
  # local.settings.json holds the standalone keys and connection strings: in Azure, app settings are the configuration.
  rm -f "$out"/appsettings*.json "$out/local.settings.json"
  (cd "$out" && python3 - "$root/artifacts/functionapp.zip" <<'PY'
import os, sys, zipfile
# os.walk keeps the dot folder .azurefunctions/, which the host loads the trigger extensions from.
with zipfile.ZipFile(sys.argv[1], "w", zipfile.ZIP_DEFLATED) as z:
    for folder, folders, files in os.walk("."):
        folders.sort()
        for name in sorted(files):
            path = os.path.join(folder, name)
            z.write(path, os.path.relpath(path, "."))
PY
  )
  log "wrote artifacts/functionapp.zip"
  (cd "$out" && find . -type f | sort) >&2
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
  run) shift; cmd_run "$@" ;;
  package) shift; cmd_package "$@" ;;
  -h|--help|help|"") usage ;;
  *) echo "unknown command: $1" >&2; usage >&2; exit 2 ;;
esac
