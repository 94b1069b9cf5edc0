import knexFactory, { Knex } from 'knex';
import net from 'net';
import request from 'supertest';
import { databases, startDeploymentsBackend } from '../__testUtils__/startDeploymentsBackend';
import { as, asCi, base } from '../__testUtils__/startGovernedBackend';

/*
 * Error answers say what the caller can act on and nothing of the internals: no SQL, no
 * table names, no values. A database that cannot be reached answers 503 with Retry-After,
 * so that CI retries with its Idempotency-Key and the event is recorded once.
 */

jest.setTimeout(120_000);

const asUser = as('devon');
const event = {
  product_name: 'payment-api',
  version: '1.2.3',
  environment_name: 'staging',
  status: 'running',
};

/** What an answer must never carry: SQL, the table and column names, database wording. */
const INTERNALS = /select|insert|update |from |where|deployments`|"deployments"|audit_events|sqlite|postgres|relation|syntax|127\.0\.0\.1/i;

const expectUnavailable = (res: request.Response) => {
  expect([res.status, res.header['retry-after']]).toEqual([503, '5']);
  expect(res.body.error.message).toMatch(/database is unavailable; retry/);
  expect(res.body.error.message).not.toMatch(INTERNALS);
  expect(res.body.error.stack).toBeUndefined();
};

describe.each(databases.eachSupportedId())('error answers on %p', databaseId => {
  it('answers a failing statement with a 500 that carries no SQL', async () => {
    const ctx = await startDeploymentsBackend(databaseId);
    try {
      await ctx.knex.schema.dropTable('idempotency_keys');
      await ctx.knex.schema.renameTable('deployments', 'deployments_elsewhere');
      for (const call of [
        request(ctx.server).get(`${base}/deployments`).set(asUser),
        request(ctx.server).post(`${base}/deployments`).set(asCi).set('Idempotency-Key', 'k1').send(event),
      ]) {
        const res = await call;
        expect(res.status).toBe(500);
        expect(res.body.error.message).toMatch(/^An internal error occurred; the backend log has it as logId=\w+$/);
        expect(JSON.stringify(res.body)).not.toMatch(INTERNALS);
      }
    } finally {
      await ctx.stop();
    }
  });

  it('answers 503 with Retry-After when its connections are gone', async () => {
    const ctx = await startDeploymentsBackend(databaseId);
    await ctx.knex.destroy();
    expectUnavailable(await request(ctx.server).get(`${base}/deployments`).set(asUser));
    expectUnavailable(await request(ctx.server).post(`${base}/deployments`).set(asCi).send(event));
    await ctx.stop();
  });
});

/** A TCP proxy in front of PostgreSQL that can drop every connection and refuse new ones. */
function outageProxy(target: { host: string; port: number }) {
  const sockets = new Set<net.Socket>();
  let server: net.Server | undefined;
  let port = 0;
  const up = () =>
    new Promise<number>(resolve => {
      server = net.createServer(client => {
        const upstream = net.connect(target.port, target.host);
        for (const s of [client, upstream]) {
          sockets.add(s);
          s.on('close', () => sockets.delete(s));
          s.on('error', () => {
            client.destroy();
            upstream.destroy();
          });
        }
        client.pipe(upstream).pipe(client);
      });
      server.listen(port, '127.0.0.1', () => {
        port = (server!.address() as net.AddressInfo).port;
        resolve(port);
      });
    });
  const down = () =>
    new Promise<void>(resolve => {
      sockets.forEach(s => s.destroy());
      server!.close(() => resolve());
    });
  return { up, down };
}

describe('a PostgreSQL outage', () => {
  const postgres = databases.eachSupportedId().map(([id]) => id).filter(id => id.startsWith('POSTGRES'));
  const maybe = postgres.length ? it : it.skip;

  maybe('answers 503 with Retry-After while the server is gone, and the retry with the same key records once', async () => {
    const direct = await databases.init(postgres[0]);
    const connection = direct.client.config.connection as Knex.PgConnectionConfig;
    const proxy = outageProxy({ host: connection.host!, port: Number(connection.port ?? 5432) });
    const port = await proxy.up();
    const proxied = knexFactory({
      client: 'pg',
      connection: { ...connection, port },
      pool: { acquireTimeoutMillis: 5_000 },
    });
    const ctx = await startDeploymentsBackend(postgres[0], { knex: proxied });
    try {
      const post = (key: string, body: object) =>
        request(ctx.server).post(`${base}/deployments`).set(asCi).set('Idempotency-Key', key).send(body);
      expect((await post('before', event)).status).toBe(201);

      await proxy.down();
      const during = { ...event, version: '1.2.4' };
      expectUnavailable(await post('during', during));
      expectUnavailable(await request(ctx.server).get(`${base}/deployments`).set(asUser));

      await proxy.up();
      const retried = await post('during', during);
      expect(retried.status).toBe(201);
      const again = await post('during', during);
      expect([again.status, again.header['idempotent-replayed']]).toEqual([200, 'true']);
      expect(await direct('deployments').where({ version: '1.2.4' }).count({ c: '*' })).toEqual([{ c: '1' }]);
    } finally {
      await direct.destroy();
      await ctx.stop();
      await proxy.down().catch(() => undefined);
    }
  });
});
