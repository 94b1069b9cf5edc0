#!/usr/bin/env bash
# Installs what is missing, then runs every test: type check, lint, API reports and
# configuration reference up to date, unit and component tests, backend tests on SQLite and
# PostgreSQL, the browser tests in Chromium against the real portal, and the install test (the packed plugins in
# a scratch portal, the production bundle on PostgreSQL). Ends with one line: `N passed, N failed`.
set -uo pipefail
cd "$(dirname "$0")/.."
# A step before the tests that fails still ends with the summary line CI reads.
setup_failed() {
  echo "$1" >&2
  printf '\nTest summary\n  setup: 0 passed, 1 failed (%s)\n0 passed, 1 failed\n' "$1"
  exit 1
}
bash scripts/ensure-install.sh || setup_failed "npm install failed"

# Chromium from Debian for Playwright (Playwright's own browser download is never used).
if [ ! -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ]; then
  echo "› installing Chromium (Debian package)"
  if [ "$(id -u)" = 0 ]; then
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
      || setup_failed "installing Chromium failed"
  else
    setup_failed "Chromium is missing: run 'sudo apt-get install -y chromium' or set CHROMIUM_PATH"
  fi
fi

# PostgreSQL 15 at 127.0.0.1:5432: start it if it is installed but stopped; fail if absent,
# because without it the PostgreSQL cases would be skipped silently.
pg_up() { (exec 3<>/dev/tcp/127.0.0.1/5432) 2>/dev/null; }
if ! pg_up && command -v pg_ctlcluster >/dev/null; then
  echo "› starting PostgreSQL"
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -1)" main start || true
  sleep 2
fi
if ! pg_up; then
  setup_failed "PostgreSQL does not answer at 127.0.0.1:5432; the backend tests need it"
fi
export BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING=${BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING:-postgresql://postgres@127.0.0.1:5432}
export BACKSTAGE_TEST_DISABLE_DOCKER=1

mkdir -p test-results
rm -f test-results/unit.json test-results/e2e.json test-results/install.json

# The type check also writes the declarations (dist-types/, git-ignored) the API reports read.
echo "› type check"
npx tsc -p tsconfig.json
tsc_status=$?

echo "› lint (ESLint with Backstage's rules; warnings do not fail)"
npm run --silent lint:all
lint_status=$?

echo "› API reports (report.api.md) and the configuration reference (docs/install.md) up to date"
npm run --silent api-reports:check
api_status=$?
npm run --silent docs:config:check
docs_status=$?

echo "› unit, component and backend tests (SQLite and PostgreSQL)"
npx backstage-cli repo test --ci --json --outputFile="$PWD/test-results/unit.json"
unit_status=$?

echo "› browser tests (Playwright, Chromium, real portal)"
rm -rf .shipgate-data/e2e
npx playwright test
e2e_status=$?

echo "› install test: packed plugins in a scratch portal (both frontend systems), production bundle on PostgreSQL"
npx playwright test -c install-tests/playwright.config.ts
install_status=$?

node scripts/summarize-tests.js test-results/unit.json test-results/e2e.json "$tsc_status" \
  --install test-results/install.json \
  --check "lint=$lint_status" --check "API reports up to date=$api_status" \
  --check "configuration reference up to date=$docs_status"
summary_status=$?
if [ $tsc_status -ne 0 ] || [ $unit_status -ne 0 ] || [ $e2e_status -ne 0 ] || [ $install_status -ne 0 ] \
  || [ $lint_status -ne 0 ] || [ $api_status -ne 0 ] || [ $docs_status -ne 0 ] || [ $summary_status -ne 0 ]; then
  exit 1
fi
