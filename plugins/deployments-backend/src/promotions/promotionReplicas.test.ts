import knexFactory from 'knex';
import request from 'supertest';
import { databases } from '../__testUtils__/startDeploymentsBackend';
import { as, startGovernedBackend } from '../__testUtils__/startGovernedBackend';

jest.setTimeout(180_000);

const base = '/api/deployments/products/payment-api';

// Two backend replicas, each with its own pool, on one PostgreSQL: the last two approvals
// arrive at different replicas at once and the promotion executes exactly once.
const postgres = databases.eachSupportedId().filter(([id]) => id === 'POSTGRES_15');

describe.each(postgres)('promotions on two replicas of %p', databaseId => {
  it('execute once when the final approvals reach both replicas together', async () => {
    const one = await startGovernedBackend(databaseId);
    const two = await startGovernedBackend(databaseId, {
      knex: knexFactory(one.knex.client.config),
    });
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
      await api
        .put(`${base}/environments/dev/config`)
        .set(as('ada'))
        .send({ version: '9.0.0', variables: { A: '1' } })
        .expect(200);
      for (let round = 0; round < 3; round++) {
        const p = await api
          .post(`${base}/promotion/request`)
          .set(as('devon'))
          .send({ source: 'dev', target: 'staging' });
        expect([p.status, p.body.error?.message]).toEqual([201, undefined]);
        await api.post(`/api/deployments/promotions/${p.body.id}/approve`).set(as('ada')).send({}).expect(200);
        const results = await Promise.all([
          request(one.server).post(`/api/deployments/promotions/${p.body.id}/approve`).set(as('remy')).send({}),
          request(two.server).post(`/api/deployments/promotions/${p.body.id}/approve`).set(as('olive')).send({}),
        ]);
        expect(results.map(r => r.status).sort()).toEqual([200, 409]);
        const copies = await one.knex('environment_config_history').where({ promotion_id: p.body.id });
        expect(copies).toHaveLength(1);
        const final = await api.get(`/api/deployments/promotions/${p.body.id}`).set(as('vic'));
        expect(final.body.status).toBe('completed');
        // The next round promotes a new version.
        await api
          .put(`${base}/environments/dev/config`)
          .set(as('ada'))
          .send({ version: `9.0.${round + 1}`, variables: { A: '1' } })
          .expect(200);
      }
    } finally {
      await two.stop();
      await one.stop();
    }
  });
});
