/*
 * The portal's production backend as the container runs it (packages/backend/Dockerfile), without
 * a container runtime: the host build (`npm run build:backend`) makes the skeleton and the
 * bundle; they are unpacked into a temp folder the way the Dockerfile does it, installed with
 * npm from package-lock.json (production dependencies only), and `node packages/backend` starts
 * from the built files against PostgreSQL.
 *
 * For debugging: SHIPGATE_REUSE_BUNDLE=1 takes packages/backend/dist as it is.
 */
import { expect, test } from '@playwright/test';
import { ChildProcess, spawn } from 'child_process';
import fs from 'fs';
import os from 'os';
import path from 'path';
import { Client } from 'pg';
import { WORKSPACE } from './scratchPortal';
import { LOGS, childEnv, run } from './processes';

const PORT = 7607;
const BASE = `http://localhost:${PORT}`;
const TOKEN = 'bundle-test-ci-token';
/** Databases of this test only: `<prefix><pluginId>` on the shared PostgreSQL server. */
const DB_PREFIX = 'shipgate_bundle_test_';
const PG = {
  host: '127.0.0.1',
  port: 5432,
  user: 'postgres',
  password: 'postgres',
};

let backend: ChildProcess | undefined;
// Made by the test, not when the file loads (the runner loads it in more than one process).
let dir = '';

async function dropTestDatabases() {
  const client = new Client({ ...PG, database: 'postgres' });
  await client.connect();
  try {
    const { rows } = await client.query(
      'SELECT datname FROM pg_database WHERE datname LIKE $1',
      [`${DB_PREFIX}%`],
    );
    for (const { datname } of rows) {
      await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    }
  } finally {
    await client.end();
  }
}

test.afterAll(async () => {
  if (backend && backend.exitCode === null) {
    backend.kill('SIGTERM');
    await new Promise(r => backend!.once('exit', r));
  }
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
  await dropTestDatabases().catch(() => undefined);
});

test('production bundle: the host-built backend bundle starts with node against PostgreSQL', async ({
  request,
}) => {
  test.setTimeout(40 * 60_000);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shipgate-bundle-'));
  if (!process.env.SHIPGATE_REUSE_BUNDLE) {
    await run(
      'build-backend-bundle',
      'bash',
      ['scripts/build-backend-bundle.sh'],
      WORKSPACE,
    );
  }
  const dist = path.join(WORKSPACE, 'packages/backend/dist');

  // The Dockerfile's steps: root manifests + skeleton, production install, then the bundle.
  for (const file of [
    'package.json',
    'package-lock.json',
    '.npmrc',
    'app-config.yaml',
    'app-config.production.yaml',
  ]) {
    fs.copyFileSync(path.join(WORKSPACE, file), path.join(dir, file));
  }
  await run(
    'bundle-skeleton',
    'tar',
    ['xzf', path.join(dist, 'skeleton.tar.gz')],
    dir,
  );
  await run(
    'bundle-npm-install',
    'npm',
    // better-sqlite3's native build is the only install script the backend needs; the image
    // runs it, here the workspace's build is copied (same Node.js, same platform).
    [
      'install',
      '--omit=dev',
      '--prefer-offline',
      '--no-audit',
      '--no-fund',
      '--ignore-scripts',
    ],
    dir,
  );
  const binding =
    'node_modules/better-sqlite3/build/Release/better_sqlite3.node';
  fs.mkdirSync(path.dirname(path.join(dir, binding)), { recursive: true });
  fs.copyFileSync(path.join(WORKSPACE, binding), path.join(dir, binding));
  await run(
    'bundle-unpack',
    'tar',
    ['xzf', path.join(dist, 'bundle.tar.gz')],
    dir,
  );

  // Built files only: no TypeScript sources, entry points in dist/.
  for (const pkgDir of [
    'packages/backend',
    ...fs.readdirSync(path.join(dir, 'plugins')).map(p => `plugins/${p}`),
  ]) {
    expect(fs.existsSync(path.join(dir, pkgDir, 'src')), `${pkgDir}/src`).toBe(
      false,
    );
    const pkg = JSON.parse(
      fs.readFileSync(path.join(dir, pkgDir, 'package.json'), 'utf8'),
    );
    expect(pkg.main, `${pkgDir} main`).toMatch(/^(\.\/)?dist\/index\.cjs\.js$/);
    expect(
      fs.existsSync(path.join(dir, pkgDir, pkg.main)),
      `${pkgDir} ${pkg.main}`,
    ).toBe(true);
  }
  expect(fs.existsSync(path.join(dir, 'packages/app/dist/index.html'))).toBe(
    true,
  );

  fs.writeFileSync(
    path.join(dir, 'app-config.bundle-test.yaml'),
    `backend:
  listen: ':${PORT}'
  database:
    prefix: ${DB_PREFIX}
catalog:
  locations: []
`,
  );
  await dropTestDatabases();
  fs.mkdirSync(LOGS, { recursive: true });
  const out = fs.openSync(path.join(LOGS, 'bundle-backend.log'), 'w');
  backend = spawn(
    'node',
    [
      'packages/backend',
      '--config',
      'app-config.yaml',
      '--config',
      'app-config.production.yaml',
      '--config',
      'app-config.bundle-test.yaml',
    ],
    {
      cwd: dir,
      stdio: ['ignore', out, out],
      env: {
        ...childEnv(),
        NODE_ENV: 'production',
        SHIPGATE_BASE_URL: BASE,
        SHIPGATE_CI_TOKEN: TOKEN,
        POSTGRES_HOST: PG.host,
        POSTGRES_PORT: String(PG.port),
        POSTGRES_USER: PG.user,
        POSTGRES_PASSWORD: PG.password,
      },
    },
  );
  let exited: number | null | undefined;
  backend.on('exit', code => (exited = code));
  await expect
    .poll(
      async () => {
        if (exited !== undefined) return `exited with ${exited}`;
        const res = await request
          .get(`${BASE}/.backstage/health/v1/readiness`)
          .catch(() => undefined);
        return res?.status();
      },
      { timeout: 180_000, intervals: [1_000] },
    )
    .toBe(200);

  // Migrations ran on start, into PostgreSQL.
  const client = new Client({ ...PG, database: `${DB_PREFIX}deployments` });
  await client.connect();
  const migrationFiles = fs
    .readdirSync(path.join(dir, 'plugins/deployments-backend/migrations'))
    .filter(f => f.endsWith('.js'));
  const { rows } = await client.query(
    'SELECT name FROM knex_migrations ORDER BY id',
  );
  await client.end();
  expect(rows.map(r => r.name)).toEqual(migrationFiles.sort());

  const environments = await request.get(
    `${BASE}/api/deployments/environments`,
    {
      headers: { Authorization: `Bearer ${TOKEN}` },
    },
  );
  expect(environments.status()).toBe(200);
  expect(
    (await environments.json()).map((e: { name: string }) => e.name),
  ).toContain('production');

  // The app is served from the bundle by the same process; the demo sign-in does not exist.
  const index = await request.get(`${BASE}/`);
  expect(index.status()).toBe(200);
  expect(await index.text()).toContain('<div id="root">');
  expect((await request.get(`${BASE}/api/auth/demo/refresh`)).status()).toBe(
    404,
  );
});
