import knexFactory from 'knex';
import request from 'supertest';
import { databases } from '../__testUtils__/startDeploymentsBackend';
import { as, startGovernedBackend } from '../__testUtils__/startGovernedBackend';

jest.setTimeout(180_000);

const base = `/api/deployments/products/${encodeURIComponent('system:default/payments')}`;
const component = (name: string) => `/api/deployments/products/${name}`;

// Two backend replicas on one PostgreSQL: the final approvals of a System's promotion reach
// both at once, and its components are copied and deployed exactly once.
const postgres = databases.eachSupportedId().filter(([id]) => id === 'POSTGRES_15');

describe.each(postgres)('System promotions on two replicas of %p', databaseId => {
  it('execute once when the final approvals reach both replicas together', async () => {
    const one = await startGovernedBackend(databaseId);
    const two = await startGovernedBackend(databaseId, { knex: knexFactory(one.knex.client.config) });
    try {
      const api = request(one.server);
      await api
        .put(`${base}/promotion/pipeline`)
        .set(as('ada'))
        .send({
          stages: [{ environment: 'dev' }, { environment: 'staging' }],
          transitions: [{ from: 'dev', to: 'staging', requiredApprovals: 2 }],
        })
        .expect(200);
      for (let round = 0; round < 3; round++) {
        for (const name of ['payment-api', 'ledger-service']) {
          await api
            .put(`${component(name)}/environments/dev/config`)
            .set(as('ada'))
            .send({ version: `9.${round}.0` })
            .expect(200);
        }
        await api
          .put(`${base}/environments/dev/config`)
          .set(as('ada'))
          .send({ variables: { ROUND: String(round) } })
          .expect(200);
        const p = await api.post(`${base}/promotion/request`).set(as('devon')).send({ source: 'dev', target: 'staging' });
        expect([p.status, p.body.error?.message]).toEqual([201, undefined]);
        await api.post(`/api/deployments/promotions/${p.body.id}/approve`).set(as('ada')).send({}).expect(200);
        const results = await Promise.all([
          request(one.server).post(`/api/deployments/promotions/${p.body.id}/approve`).set(as('remy')).send({}),
          request(two.server).post(`/api/deployments/promotions/${p.body.id}/approve`).set(as('olive')).send({}),
        ]);
        expect(results.map(r => r.status).sort()).toEqual([200, 409]);
        const copies = await one.knex('environment_config_history').where({ promotion_id: p.body.id });
        // The system's variables and its two components, once each.
        expect(copies.map(c => c.product).sort()).toEqual([
          'component:default/ledger-service',
          'component:default/payment-api',
          'system:default/payments',
        ]);
        const deployments = (await one.knex('deployments').where({ environment: 'staging' })).filter(
          d => JSON.parse(d.extra_metadata ?? '{}').promotion_id === p.body.id,
        );
        expect(deployments.map(d => [d.product, d.version, d.status]).sort()).toEqual([
          ['component:default/ledger-service', `9.${round}.0`, 'success'],
          ['component:default/payment-api', `9.${round}.0`, 'success'],
        ]);
        const final = await api.get(`/api/deployments/promotions/${p.body.id}`).set(as('vic'));
        expect(final.body.status).toBe('completed');
      }
    } finally {
      await two.stop();
      await one.stop();
    }
  });
});
