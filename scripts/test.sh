#!/bin/sh
# The whole test suite: system packages the tests need (installed from Debian when missing),
# then type-check, lint and every test. Called by `npm test` and by .ci/run.
set -eu
cd "$(dirname "$0")/.."

SUDO=""
if [ "$(id -u)" != "0" ] && command -v sudo >/dev/null 2>&1; then SUDO="sudo"; fi

need=""
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need="$need postgresql"
if [ -n "$need" ]; then
  echo "datapass tests: installing system packages:$need"
  $SUDO apt-get update
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y --no-install-recommends $need
fi

echo "== build (the bundled CLI is tested as installed)"
npm run build --silent
echo "== type-check"
npx tsc --noEmit -p tsconfig.json
echo "== lint"
npx biome check src test bench scripts
echo "== tests"
npx vitest run
