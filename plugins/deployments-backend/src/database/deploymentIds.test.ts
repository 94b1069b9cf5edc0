import request from 'supertest';
import { Knex } from 'knex';
import { backendPerTest } from '../__testUtils__/backendPerTest';
import { databases } from '../__testUtils__/startDeploymentsBackend';
import {
  as,
  asCi,
  base,
  startGovernedBackend,
} from '../__testUtils__/startGovernedBackend';

/*
 * Deployment ids are 64-bit. Every row that names a deployment (a configuration's history, a
 * promotion, an approval subject, an audit entry) must take one beyond 32 bits: on PostgreSQL
 * an `integer` column would refuse it, on SQLite nothing would show.
 */

jest.setTimeout(180_000);

/** Beyond 2^32: the next deployment gets the id after it. */
const BEYOND_32_BITS = 5_000_000_000;

/** Makes the deployments' id sequence continue after `last`. */
async function continueDeploymentIdsAfter(knex: Knex, last: number) {
  if (knex.client.config.client === 'pg') {
    await knex.raw(
      `select setval(pg_get_serial_sequence('deployments', 'id'), ?)`,
      [last],
    );
  } else {
    await knex('sqlite_sequence').where({ name: 'deployments' }).delete();
    await knex('sqlite_sequence').insert({ name: 'deployments', seq: last });
  }
}

describe.each(databases.eachSupportedId())(
  'deployment ids beyond 32 bits on %p',
  databaseId => {
    const ctx = backendPerTest(async () => {
      const started = await startGovernedBackend(databaseId);
      await continueDeploymentIdsAfter(started.knex, BEYOND_32_BITS);
      return started;
    });
    const api = () => request(ctx.server);
    const ok = (res: request.Response, status: number) => {
      expect([res.status, res.body?.error?.message]).toEqual([
        status,
        undefined,
      ]);
      return res.body;
    };
    const config = (env: string) =>
      `${base}/products/payment-api/environments/${env}/config`;

    it('records a deployment that moves the configuration, and names it in the history', async () => {
      const recorded = ok(
        await api()
          .post(`${base}/deployments`)
          .set(asCi)
          .send({
            product_name: 'payment-api',
            version: '3.0.0',
            environment_name: 'dev',
            status: 'success',
          }),
        201,
      );
      expect(recorded.id).toBeGreaterThan(BEYOND_32_BITS);
      const history = ok(
        await api()
          .get(`${config('dev')}/history`)
          .set(as('vic')),
        200,
      );
      expect(history[0]).toMatchObject({
        version: '3.0.0',
        source: 'deployment',
        deploymentId: recorded.id,
      });
    });

    it('blocks a deployment on a protected environment, and approves it with its audit entry', async () => {
      ok(
        await api()
          .put(`${base}/environments/production`)
          .set(as('ada'))
          .send({
            protection: {
              approvalRules: [{ role: 'qa', requiredApprovals: 1 }],
            },
          }),
        200,
      );
      const blocked = ok(
        await api().post(`${base}/deployments`).set(asCi).send({
          product_name: 'payment-api',
          version: '3.0.0',
          environment_name: 'production',
          status: 'running',
          deployed_by: 'devon',
        }),
        201,
      );
      expect([blocked.id > BEYOND_32_BITS, blocked.status]).toEqual([
        true,
        'blocked',
      ]);
      ok(
        await api()
          .post(`${base}/deployments/${blocked.id}/approval`)
          .set(as('quinn'))
          .send({ status: 'approved' }),
        201,
      );
      const after = ok(
        await api().get(`${base}/deployments/${blocked.id}`).set(as('vic')),
        200,
      );
      expect(after).toMatchObject({
        status: 'created',
        pending_approval_count: 0,
      });
      const audit = await ctx
        .knex('audit_events')
        .where({ subject_type: 'deployment', subject_id: blocked.id });
      expect(audit.map(a => Number(a.subject_id))).toEqual([blocked.id]);
    });

    it('executes a promotion whose deployment is named by the promotion', async () => {
      ok(
        await api()
          .put(`${base}/products/payment-api/promotion/pipeline`)
          .set(as('ada'))
          .send({
            stages: [{ environment: 'dev' }, { environment: 'staging' }],
            transitions: [{ from: 'dev', to: 'staging', requiredApprovals: 0 }],
          }),
        200,
      );
      ok(
        await api()
          .put(config('dev'))
          .set(as('ada'))
          .send({ version: '2.1.0', variables: { A: '1' } }),
        200,
      );
      const promotion = ok(
        await api()
          .post(`${base}/products/payment-api/promotion/request`)
          .set(as('devon'))
          .send({ source: 'dev', target: 'staging' }),
        201,
      );
      expect(promotion).toMatchObject({
        status: 'completed',
        deploymentId: expect.any(Number),
      });
      expect(promotion.deploymentId).toBeGreaterThan(BEYOND_32_BITS);
      const read = ok(
        await api().get(`${base}/promotions/${promotion.id}`).set(as('vic')),
        200,
      );
      expect(read.deploymentId).toBe(promotion.deploymentId);
    });
  },
);
