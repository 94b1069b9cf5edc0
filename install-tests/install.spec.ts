/*
 * Install test: Shipgate as a platform team adds it to their own Backstage portal.
 *
 * 1. `scripts/pack-plugins.sh` builds and packs every plugins/* package; each tarball's entry
 *    points must be built files inside it.
 * 2. A scratch portal (scratchPortal.ts) is written to a temp folder outside the workspace and
 *    installed with npm: the tarballs, everything else from the registry. Both its apps are
 *    built with `backstage-cli package build`.
 * 3. Its backend (plain JavaScript, one line per plugin or module) starts on SQLite; the
 *    deployments API answers and Shipgate's permission policy decides.
 * 4. Chromium opens an entity page in each app: the new frontend system app (plugin discovered)
 *    and the legacy app (`EntityLayout.Route` tabs, routable pages).
 *
 * For debugging: SHIPGATE_SCRATCH_DIR=/some/dir keeps the scratch portal there (and reuses its
 * installed node_modules on the next run); SHIPGATE_REUSE_PACKS=1 takes dist-packs/ as it is.
 */
import { Page, expect, test } from '@playwright/test';
import { ChildProcess, execFileSync, spawn } from 'child_process';
import fs from 'fs';
import http from 'http';
import os from 'os';
import path from 'path';
import {
  CI_TOKEN,
  PORTS,
  PRODUCT,
  WORKSPACE,
  findTarballs,
  writeScratchPortal,
} from './scratchPortal';
import { LOGS, childEnv, run } from './processes';

test.describe.configure({ mode: 'serial' });

const PACKS = path.join(WORKSPACE, 'dist-packs');
const keepScratch = !!process.env.SHIPGATE_SCRATCH_DIR;
// Made by the install step, not when the file loads (the runner loads it in more than one process).
let scratch = process.env.SHIPGATE_SCRATCH_DIR ?? '';
const BACKEND = `http://localhost:${PORTS.backend}`;
const VERSION = '1.0.0-scratch';

type PackageJson = Record<string, any>;
type Tarball = { name: string; files: Set<string>; pkg: PackageJson };

function readTarball(file: string): Tarball {
  const list = execFileSync('tar', ['-tzf', file], { encoding: 'utf8' });
  const files = new Set(
    list
      .split('\n')
      .filter(Boolean)
      .map(f => f.replace(/^package\//, '')),
  );
  const pkg = JSON.parse(
    execFileSync('tar', ['-xOzf', file, 'package/package.json'], {
      encoding: 'utf8',
    }),
  );
  return { name: pkg.name, files, pkg };
}

/** Every file an entry point field names: main, module, types, exports (nested), typesVersions. */
function entryPointTargets(pkg: PackageJson): string[] {
  const targets: string[] = [];
  const collect = (value: unknown) => {
    if (typeof value === 'string') targets.push(value);
    else if (Array.isArray(value)) value.forEach(collect);
    else if (value && typeof value === 'object') {
      // `backstage` is the feature marker of discovery, not a file.
      Object.entries(value).forEach(
        ([k, v]) => k !== 'backstage' && collect(v),
      );
    }
  };
  collect([pkg.main, pkg.module, pkg.types, pkg.exports, pkg.typesVersions]);
  return targets
    .filter(Boolean)
    .map(t => path.posix.normalize(t).replace(/^\.\//, ''));
}

/** Opens a page of a scratch app, entering as the guest on the sign-in page. */
async function openAsGuest(page: Page, url: string) {
  await page.goto(url);
  await page.getByRole('button', { name: 'Enter' }).click();
}

/** An entity page tab by its path: a link in the new frontend system, a tab in the legacy one. */
function entityTab(page: Page, tabPath: string) {
  return page
    .locator(`a[href$="/component/scratch-service/${tabPath}"]`)
    .first();
}

let backend: ChildProcess | undefined;
const servers: http.Server[] = [];

/** Serves a built app's dist/ folder; unknown paths get index.html (client-side routes). */
function serveApp(distDir: string, port: number): Promise<void> {
  const types: Record<string, string> = {
    '.html': 'text/html',
    '.js': 'text/javascript',
    '.css': 'text/css',
    '.json': 'application/json',
    '.svg': 'image/svg+xml',
    '.png': 'image/png',
    '.woff2': 'font/woff2',
  };
  const server = http.createServer((req, res) => {
    const urlPath = decodeURIComponent(
      new URL(req.url ?? '/', 'http://x').pathname,
    );
    let file = path.join(distDir, path.normalize(urlPath));
    if (
      !file.startsWith(distDir) ||
      !fs.existsSync(file) ||
      fs.statSync(file).isDirectory()
    ) {
      file = path.join(distDir, 'index.html');
    }
    res.writeHead(200, {
      'Content-Type': types[path.extname(file)] ?? 'application/octet-stream',
    });
    fs.createReadStream(file).pipe(res);
  });
  servers.push(server);
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, resolve);
  });
}

test.afterAll(async () => {
  backend?.kill('SIGTERM');
  await Promise.all(servers.map(s => new Promise(r => s.close(r))));
  if (scratch && !keepScratch)
    fs.rmSync(scratch, { recursive: true, force: true });
});

test('npm pack: each plugin tarball points main, module, types and exports at built files inside it', async () => {
  test.setTimeout(15 * 60_000);
  if (!process.env.SHIPGATE_REUSE_PACKS) {
    await run(
      'pack-plugins',
      'bash',
      ['scripts/pack-plugins.sh', PACKS],
      WORKSPACE,
    );
  }

  const tarballs = fs
    .readdirSync(PACKS)
    .filter(f => f.endsWith('.tgz'))
    .map(f => readTarball(path.join(PACKS, f)));
  const pluginDirs = fs.readdirSync(path.join(WORKSPACE, 'plugins'));
  expect(tarballs.map(t => t.name).sort()).toEqual(
    pluginDirs
      .map(
        d =>
          JSON.parse(
            fs.readFileSync(
              path.join(WORKSPACE, 'plugins', d, 'package.json'),
              'utf8',
            ),
          ).name,
      )
      .sort(),
  );

  for (const { name, files, pkg } of tarballs) {
    const targets = entryPointTargets(pkg);
    expect(pkg.main, `${name} main`).toMatch(/^(\.\/)?dist\//);
    expect(pkg.types, `${name} types`).toMatch(/^(\.\/)?dist\/.*\.d\.ts$/);
    for (const target of targets) {
      expect(target, `${name}: entry point outside dist/`).not.toMatch(
        /(^|\/)src\//,
      );
      expect(
        files.has(target),
        `${name}: ${target} is not in the tarball`,
      ).toBe(true);
    }
    expect(
      [...files].filter(f => f.startsWith('src/')),
      `${name} ships sources`,
    ).toEqual([]);
    expect(files.has('README.md'), `${name} README.md`).toBe(true);
    for (const deps of [pkg.dependencies, pkg.peerDependencies]) {
      for (const [dep, range] of Object.entries<string>(deps ?? {})) {
        if (dep.startsWith('@shipgate/'))
          expect(range, `${name} → ${dep}`).toBe(`^${pkg.version}`);
      }
    }
  }

  const byName = Object.fromEntries(tarballs.map(t => [t.name, t]));
  const frontend = byName['@shipgate/plugin-deployments'];
  expect(frontend.pkg.exports['./alpha']).toMatchObject({
    backstage: '@backstage/FrontendPlugin',
    import: './dist/alpha.esm.js',
  });
  expect(Object.keys(frontend.pkg.peerDependencies).sort()).toEqual([
    '@material-ui/core',
    'react',
    'react-dom',
    'react-router-dom',
  ]);
  const backendPkg = byName['@shipgate/plugin-deployments-backend'];
  expect(backendPkg.pkg.exports['.'].backstage).toBe(
    '@backstage/BackendFeature',
  );
  expect(backendPkg.files.has('config.d.ts')).toBe(true);
  expect(backendPkg.files.has('config.schema.json')).toBe(true);
  const migrations = fs
    .readdirSync(path.join(WORKSPACE, 'plugins/deployments-backend/migrations'))
    .filter(f => f.endsWith('.js'));
  expect(migrations.length).toBeGreaterThan(0);
  for (const m of migrations)
    expect(backendPkg.files.has(`migrations/${m}`), m).toBe(true);
  expect(
    byName['@shipgate/plugin-permission-backend-module-deployments'].pkg
      .exports['.'].backstage,
  ).toBe('@backstage/BackendFeature');
});

test('the tarballs install into a scratch portal outside the workspace, and both its apps build', async () => {
  test.setTimeout(40 * 60_000);
  scratch ||= fs.mkdtempSync(path.join(os.tmpdir(), 'shipgate-scratch-'));
  writeScratchPortal(scratch, findTarballs(PACKS));
  // A kept scratch portal (SHIPGATE_SCRATCH_DIR): npm would keep the Shipgate packages it has
  // from earlier tarballs, so they go, and npm resolves again (from its cache).
  fs.rmSync(path.join(scratch, 'node_modules', '@shipgate'), {
    recursive: true,
    force: true,
  });
  fs.rmSync(path.join(scratch, 'package-lock.json'), { force: true });
  await run(
    'scratch-npm-install',
    'npm',
    // Install scripts off: the only one needed is better-sqlite3's native build, copied below
    // from this workspace's (same Node.js, same platform) instead of compiling it again.
    [
      'install',
      '--prefer-offline',
      '--no-audit',
      '--no-fund',
      '--ignore-scripts',
    ],
    scratch,
  );
  const binding =
    'node_modules/better-sqlite3/build/Release/better_sqlite3.node';
  fs.mkdirSync(path.dirname(path.join(scratch, binding)), { recursive: true });
  fs.copyFileSync(path.join(WORKSPACE, binding), path.join(scratch, binding));

  // Nothing of the workspace may leak in: Shipgate comes from the tarballs only.
  for (const name of Object.keys(findTarballs(PACKS))) {
    const dir = path.join(scratch, 'node_modules', name);
    expect(fs.lstatSync(dir).isSymbolicLink(), `${name} is linked`).toBe(false);
    expect(fs.existsSync(path.join(dir, 'src')), `${name} has sources`).toBe(
      false,
    );
  }

  await run(
    'scratch-build-app',
    'npx',
    ['backstage-cli', 'package', 'build', '--config', '../../app-config.yaml'],
    path.join(scratch, 'packages/app'),
  );
  await run(
    'scratch-build-app-legacy',
    'npx',
    [
      'backstage-cli',
      'package',
      'build',
      '--config',
      '../../app-config.yaml',
      '--config',
      '../../app-config.legacy.yaml',
    ],
    path.join(scratch, 'packages/app-legacy'),
  );
});

test('backend: the plugin and the permission module, one line each, answer on SQLite', async ({
  request,
}) => {
  test.setTimeout(5 * 60_000);
  fs.mkdirSync(LOGS, { recursive: true });
  const out = fs.openSync(path.join(LOGS, 'scratch-backend.log'), 'w');
  backend = spawn('node', ['index.js', '--config', '../../app-config.yaml'], {
    cwd: path.join(scratch, 'packages/backend'),
    stdio: ['ignore', out, out],
    // A development portal: the guest sign-in the apps use exists only there.
    env: { ...childEnv(), NODE_ENV: 'development' },
  });
  let exited: number | null | undefined;
  backend.on('exit', code => (exited = code));
  await expect
    .poll(
      async () => {
        if (exited !== undefined) return `exited with ${exited}`;
        const res = await request
          .get(`${BACKEND}/.backstage/health/v1/readiness`)
          .catch(() => undefined);
        return res?.status();
      },
      { timeout: 120_000, intervals: [1_000] },
    )
    .toBe(200);

  const auth = { Authorization: `Bearer ${CI_TOKEN}` };
  const environments = await request.get(
    `${BACKEND}/api/deployments/environments`,
    { headers: auth },
  );
  expect(environments.status()).toBe(200);
  expect(
    (await environments.json()).map((e: { name: string }) => e.name),
  ).toEqual(['dev', 'production']);

  // The catalog ingests the scratch component within seconds; then CI records a deployment.
  await expect
    .poll(
      async () =>
        (
          await request.post(`${BACKEND}/api/deployments/deployments`, {
            headers: auth,
            data: {
              product_name: 'scratch-service',
              version: VERSION,
              environment_name: 'dev',
              status: 'completed',
              deployed_by: 'install-test',
            },
          })
        ).status(),
      { timeout: 60_000, intervals: [1_000] },
    )
    .toBe(201);
  const matrix = await request.get(
    `${BACKEND}/api/deployments/matrix?product=${PRODUCT}`,
    { headers: auth },
  );
  expect(JSON.stringify(await matrix.json())).toContain(VERSION);

  // Shipgate's policy decides: a guest (no org role) reads but may not manage templates.
  const refresh = await request.get(`${BACKEND}/api/auth/guest/refresh`, {
    headers: { 'X-Requested-With': 'XMLHttpRequest' },
  });
  expect(refresh.status()).toBe(200);
  const guest = {
    Authorization: `Bearer ${(await refresh.json()).backstageIdentity.token}`,
  };
  expect(
    (
      await request.get(`${BACKEND}/api/deployments/templates`, {
        headers: guest,
      })
    ).status(),
  ).toBe(200);
  const template = await request.post(`${BACKEND}/api/deployments/templates`, {
    headers: guest,
    data: { name: 'not allowed', environments: ['dev'], slots: [] },
  });
  expect(template.status()).toBe(403);
});

test('new frontend system: the discovered plugin shows the Deployments tab on an entity page', async ({
  page,
}) => {
  await serveApp(path.join(scratch, 'packages/app/dist'), PORTS.app);
  const app = `http://localhost:${PORTS.app}`;
  await openAsGuest(page, `${app}/catalog/default/component/scratch-service`);
  await entityTab(page, 'deployments').click();
  await expect(page).toHaveURL(
    /\/catalog\/default\/component\/scratch-service\/deployments$/,
  );
  await expect(page.getByText(VERSION).first()).toBeVisible();

  // The global page is discovered too.
  await page.goto(`${app}/deployments`);
  await expect(page.getByText(VERSION).first()).toBeVisible();
});

test('legacy frontend system: EntityLayout.Route tabs and the routable pages', async ({
  page,
}) => {
  await serveApp(
    path.join(scratch, 'packages/app-legacy/dist'),
    PORTS.legacyApp,
  );
  const app = `http://localhost:${PORTS.legacyApp}`;
  await openAsGuest(page, `${app}/catalog/default/component/scratch-service`);
  await entityTab(page, 'deployments').click();
  await expect(page).toHaveURL(
    /\/catalog\/default\/component\/scratch-service\/deployments$/,
  );
  await expect(page.getByText(VERSION).first()).toBeVisible();

  await page.goto(`${app}/deployments`);
  await expect(page.getByText(VERSION).first()).toBeVisible();
  await page.goto(`${app}/deployment-requests`);
  await expect(
    page.getByRole('heading', { name: 'Deployment Requests' }).first(),
  ).toBeVisible();
  await page.goto(`${app}/my-tasks`);
  await expect(
    page.getByRole('heading', { name: 'My Tasks' }).first(),
  ).toBeVisible();
  await page.goto(`${app}/environments`);
  await expect(
    page.getByRole('heading', { name: 'Environments' }).first(),
  ).toBeVisible();
  // The promotion page answers an address without a promotion's number in words.
  await page.goto(`${app}/promotions`);
  await expect(page.getByText('No promotion at this address')).toBeVisible();
  await page.goto(`${app}/catalog/default/component/scratch-service/pipeline`);
  await expect(page.getByText('No pipeline yet')).toBeVisible();
});
