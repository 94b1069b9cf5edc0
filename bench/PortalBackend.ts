/*
 * The real portal backend (packages/backend/src/index.ts) as a child process, for benchmarks
 * that go through the whole stack: real tokens, the permission backend and policy, the
 * catalog, notifications, events. It runs as scripts/start-production.sh runs it: from
 * packages/backend (the catalog locations in app-config.yaml are relative to it), through the
 * Backstage CLI's node transform, with app-config.yaml plus a generated config that moves it
 * to a free port on 127.0.0.1 and onto a fresh database, and turns the demo history off.
 * `auth.environment: development` and `shipgate.demoSignIn.enabled` stay as app-config.yaml
 * has them, so that the demo sign-in issues real user tokens.
 */
import { ChildProcess, spawn } from 'child_process';
import fs from 'fs';
import os from 'os';
import path from 'path';
import knexFactory, { Knex } from 'knex';
import { freePort } from './benchKit';

const ROOT = path.resolve(__dirname, '..');
/** app-config.yaml, backend.auth.externalAccess. */
export const CI_TOKEN = 'shipgate-dev-ci-token';

export type PortalDatabase = 'sqlite' | 'postgres';

export interface PortalOptions {
  database: PortalDatabase;
  /** PostgreSQL server, without a database: postgresql://postgres@127.0.0.1:5432 */
  pgUrl: string;
  /**
   * The backend makes one PostgreSQL database per plugin named `<prefix><pluginId>`;
   * every database with this prefix is dropped before the start and at stop().
   */
  pgPrefix: string;
  /** NODE_ENV of the backend. */
  nodeEnv: string;
  /** Keep the backend's log file after stop() (its path is printed). */
  keepLog: boolean;
  startupTimeoutMs: number;
  /** More of the deployments plugin's configuration (e.g. its environments). */
  deployments?: Record<string, unknown>;
}

/** A JSON answer of the backend. */
export async function call(port: number, p: string, headers: Record<string, string>) {
  const res = await fetch(`http://127.0.0.1:${port}${p}`, { headers });
  const text = await res.text();
  let body: any;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = undefined;
  }
  return { status: res.status, body, text };
}

export class PortalBackend {
  private exited: string | undefined;
  private stopped = false;

  private constructor(
    private readonly options: PortalOptions,
    private readonly dir: string,
    readonly port: number,
    private readonly child: ChildProcess,
    private readonly exit: Promise<void>,
    /** A Knex on the deployments plugin's own database (for seeding), once it is up. */
    private db: Knex | undefined,
  ) {
    child.once('exit', (code, signal) => {
      this.exited = `exited with ${signal ?? code}`;
    });
  }

  /** Starts the backend and waits until the deployments plugin answers the CI token. */
  static async start(options: PortalOptions): Promise<PortalBackend> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shipgate-bench-approvals-'));
    if (options.database === 'postgres') await dropDatabases(options);
    const port = await freePort();
    const config = {
      backend: {
        baseUrl: `http://127.0.0.1:${port}`,
        listen: { host: '127.0.0.1', port },
        database:
          options.database === 'sqlite'
            ? { client: 'better-sqlite3', connection: { directory: path.join(dir, 'db') } }
            : // One database per plugin (Backstage's default division) under our own prefix;
              // a connection string replaces app-config.yaml's SQLite connection object whole.
              { client: 'pg', connection: options.pgUrl, prefix: options.pgPrefix },
      },
      deployments: { demoData: false, ...options.deployments },
      // BENCH_EVENT_BUS=never|always|auto: Backstage's events bus (auto: through the events
      // backend on PostgreSQL, which is how signals reach every replica).
      ...(process.env.BENCH_EVENT_BUS ? { events: { useEventBus: process.env.BENCH_EVENT_BUS } } : {}),
      // The backend runs with NODE_ENV=production (what is measured) and the demo users.
      shipgate: { demoSignIn: { allowUnderNodeEnvProduction: true } },
    };
    // JSON is YAML: the backend reads this file as one more --config.
    const configFile = path.join(dir, 'app-config.bench.yaml');
    fs.writeFileSync(configFile, JSON.stringify(config, null, 2));
    const log = fs.openSync(path.join(dir, 'backend.log'), 'a');
    const child = spawn(
      process.execPath,
      [
        // BENCH_CPU_PROFILE=<dir>: a V8 CPU profile of the backend, written when it stops.
        ...(process.env.BENCH_CPU_PROFILE
          ? ['--cpu-prof', '--cpu-prof-dir', path.resolve(process.env.BENCH_CPU_PROFILE)]
          : []),
        '-r',
        '@backstage/cli/config/nodeTransform.cjs',
        'src/index.ts',
        '--config',
        path.join(ROOT, 'app-config.yaml'),
        '--config',
        configFile,
      ],
      {
        cwd: path.join(ROOT, 'packages/backend'),
        env: { ...process.env, NODE_ENV: options.nodeEnv },
        stdio: ['ignore', log, log],
      },
    );
    fs.closeSync(log);
    const exit = new Promise<void>(resolve => child.once('exit', () => resolve()));
    const portal = new PortalBackend(options, dir, port, child, exit, undefined);
    try {
      await portal.waitUntilUp();
      portal.db =
        options.database === 'sqlite'
          ? knexFactory({
              client: 'better-sqlite3',
              connection: { filename: path.join(dir, 'db', 'deployments.sqlite') },
              useNullAsDefault: true,
            })
          : knexFactory({
              client: 'pg',
              connection: `${options.pgUrl}/${options.pgPrefix}deployments`,
              pool: { min: 0, max: 2 },
            });
      return portal;
    } catch (error) {
      await portal.stop();
      throw error;
    }
  }

  get pid(): number {
    return this.child.pid!;
  }

  get logFile(): string {
    return path.join(this.dir, 'backend.log');
  }

  get deploymentsDb(): Knex {
    if (!this.db) throw new Error('the backend is not up');
    return this.db;
  }

  /**
   * A real user token from the demo sign-in, once the catalog has ingested the user and the
   * policy sees a role (the user's groups come from the catalog when the token is issued).
   */
  async signIn(user: string): Promise<{ token: string; me: any }> {
    const deadline = Date.now() + this.options.startupTimeoutMs;
    let last = '';
    for (;;) {
      const refresh = await call(this.port, '/api/auth/demo/refresh', {
        'x-shipgate-demo-user': user,
        'X-Requested-With': 'XMLHttpRequest',
      }).catch(error => ({ status: 0, body: undefined as any, text: String(error) }));
      const token: string | undefined = refresh.body?.backstageIdentity?.token;
      if (token) {
        const me = await call(this.port, '/api/deployments/me', { Authorization: `Bearer ${token}` });
        if (me.status === 200 && me.body?.roles?.length > 0) return { token, me: me.body };
        last = `GET /me: ${me.status} ${me.text.slice(0, 300)}`;
      } else {
        last = `GET /auth/demo/refresh: ${refresh.status} ${refresh.text.slice(0, 300)}`;
      }
      if (Date.now() > deadline) throw new Error(`could not sign in as ${user}: ${last}`);
      await new Promise(r => setTimeout(r, 1000));
    }
  }

  /**
   * Waits until the backend has logged nothing for half a second (at most a minute): what a
   * previous phase left queued (notifications, say) or what the backend does after it starts
   * (the catalog's first processing) is done, so it does not weigh on the next phase's figures.
   */
  async settle(): Promise<void> {
    const deadline = Date.now() + 60_000;
    let size = this.logSize();
    while (Date.now() < deadline) {
      await new Promise(resolve => setTimeout(resolve, 500));
      const now = this.logSize();
      if (now === size) return;
      size = now;
    }
  }

  /** Size of the log so far, to count what the backend logs from here on. */
  logSize(): number {
    return fs.statSync(this.logFile).size;
  }

  /** Requests the backend logged (rootHttpRouter, level info) after byte `from` of its log. */
  loggedRequestsSince(from: number): number | undefined {
    const fd = fs.openSync(this.logFile, 'r');
    try {
      const buffer = Buffer.alloc(fs.fstatSync(fd).size - from);
      fs.readSync(fd, buffer, 0, buffer.length, from);
      const count = buffer.toString('utf8').split('"type":"incomingRequest"').length - 1;
      return count > 0 ? count : undefined; // none: the log level hides them
    } finally {
      fs.closeSync(fd);
    }
  }

  /** Stops the backend (SIGTERM, SIGKILL after 20 s), drops its databases, removes its files. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    await this.db?.destroy();
    if (!this.exited) {
      this.child.kill('SIGTERM');
      // A CPU profile is written as the process exits: give a profiled backend time to stop.
      const grace = process.env.BENCH_CPU_PROFILE ? 180_000 : 20_000;
      const timeout = setTimeout(() => this.child.kill('SIGKILL'), grace);
      await this.exit;
      clearTimeout(timeout);
    }
    if (this.options.database === 'postgres') await dropDatabases(this.options);
    if (this.options.keepLog) {
      fs.rmSync(path.join(this.dir, 'db'), { recursive: true, force: true });
      console.log(`  backend log kept: ${this.logFile}`);
    } else {
      fs.rmSync(this.dir, { recursive: true, force: true });
    }
  }

  private async waitUntilUp() {
    const deadline = Date.now() + this.options.startupTimeoutMs;
    for (;;) {
      if (this.exited) {
        throw new Error(`the backend ${this.exited} while starting; its log ends:\n${this.tail()}`);
      }
      // Migrations have run once the deployments plugin answers.
      const res = await fetch(`http://127.0.0.1:${this.port}/api/deployments/matrix`, {
        headers: { Authorization: `Bearer ${CI_TOKEN}` },
      }).catch(() => undefined);
      if (res?.ok) return;
      if (Date.now() > deadline) {
        throw new Error(
          `the backend did not answer within ${this.options.startupTimeoutMs / 1000} s; ` +
            `its log ends:\n${this.tail()}`,
        );
      }
      await new Promise(r => setTimeout(r, 500));
    }
  }

  private tail(lines = 30) {
    try {
      return fs.readFileSync(this.logFile, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
    } catch {
      return '(no log)';
    }
  }
}

/** Drops every database whose name starts with the prefix. */
async function dropDatabases(options: PortalOptions): Promise<void> {
  const admin = knexFactory({
    client: 'pg',
    connection: `${options.pgUrl}/postgres`,
    pool: { min: 0, max: 1 },
  });
  try {
    const { rows } = await admin.raw(`select datname from pg_database where datname like ?`, [
      `${options.pgPrefix.replace(/_/g, '\\_')}%`,
    ]);
    for (const { datname } of rows as Array<{ datname: string }>) {
      await admin.raw('DROP DATABASE IF EXISTS ?? WITH (FORCE)', [datname]);
    }
  } finally {
    await admin.destroy();
  }
}
