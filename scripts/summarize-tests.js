#!/usr/bin/env node
/*
 * Sums the test suites of scripts/test.sh from their JSON reports and prints one line per
 * suite, then `N passed, N failed` alone on the last line. Exits 1 when a suite failed,
 * did not report, or when no PostgreSQL case ran (they skip silently without a database).
 */
const fs = require('fs');

// Positional: unit report, browser report, type check status. Then, optionally:
// `--install <report>` (the install test's Playwright report) and `--check <name>=<status>`
// (a check that passes or fails as a whole, counted as one).
const args = process.argv.slice(2);
const positional = [];
let installFile;
const checks = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--install') installFile = args[++i];
  else if (args[i] === '--check') {
    const [name, status] = args[++i].split('=');
    checks.push({ name, status });
  } else positional.push(args[i]);
}
const [unitFile, e2eFile, tscStatus] = positional;
const read = file => {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
};

let ok = true;
const suites = [];

const unit = read(unitFile);
if (!unit) {
  ok = false;
  suites.push({ name: 'unit', passed: 0, failed: 1, note: 'no report' });
} else {
  const count = (predicate, status) =>
    unit.testResults
      .flatMap(file => file.assertionResults)
      .filter(a => a.status === status && predicate(a)).length;
  const isPg = a => a.fullName.includes('POSTGRES');
  suites.push({
    name: 'unit + SQLite (jest)',
    passed: count(a => !isPg(a), 'passed'),
    failed: count(a => !isPg(a), 'failed') + (unit.numRuntimeErrorTestSuites ?? 0),
  });
  const pg = { name: 'PostgreSQL (jest)', passed: count(isPg, 'passed'), failed: count(isPg, 'failed') };
  if (pg.passed + pg.failed === 0) {
    ok = false;
    pg.failed = 1;
    pg.note = 'no PostgreSQL case ran';
  }
  suites.push(pg);
}

const playwrightSuite = (name, file) => {
  const report = read(file);
  if (!report) {
    ok = false;
    suites.push({ name, passed: 0, failed: 1, note: 'no report' });
    return;
  }
  const { expected = 0, unexpected = 0, flaky = 0 } = report.stats ?? {};
  const errors = (report.errors ?? []).length;
  suites.push({ name, passed: expected, failed: unexpected + flaky + errors });
};
playwrightSuite('browser (Playwright)', e2eFile);
if (installFile !== undefined) {
  playwrightSuite('install into a scratch portal, production bundle (Playwright)', installFile);
}
for (const { name, status } of checks) {
  suites.push({ name, passed: status === '0' ? 1 : 0, failed: status === '0' ? 0 : 1 });
}

if (tscStatus !== undefined && tscStatus !== '0') {
  suites.push({ name: 'type check', passed: 0, failed: 1 });
}

let passed = 0;
let failed = 0;
console.log('\nTest summary');
for (const s of suites) {
  passed += s.passed;
  failed += s.failed;
  console.log(`  ${s.name}: ${s.passed} passed, ${s.failed} failed${s.note ? ` (${s.note})` : ''}`);
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(ok && failed === 0 ? 0 : 1);
