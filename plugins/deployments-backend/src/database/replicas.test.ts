import { TestDatabases } from '@backstage/backend-test-utils';
import request from 'supertest';
import {
  as,
  asCi,
  base,
  startGovernedBackend,
  UserName,
} from '../__testUtils__/startGovernedBackend';

jest.setTimeout(180_000);

/** Replicas share PostgreSQL (SQLite is one process's file). */
const databases = TestDatabases.create({ ids: ['POSTGRES_15'] });

/**
 * Two backends (two replicas behind a load balancer) on ONE database: what each decides at
 * the same moment as the other must happen exactly once.
 */
describe.each(databases.eachSupportedId())('two replicas on one %p database', databaseId => {
  let a: Awaited<ReturnType<typeof startGovernedBackend>>;
  let b: Awaited<ReturnType<typeof startGovernedBackend>>;
  beforeAll(async () => {
    a = await startGovernedBackend(databaseId);
    b = await startGovernedBackend(databaseId, { sameDatabaseAs: a.knex });
  });
  afterAll(async () => {
    await b?.stop();
    await a?.stop();
  });

  const create = async (requiredCount: number) => {
    const res = await request(a.server)
      .post(`${base}/requests`)
      .set(as('devon'))
      .send({
        title: 'Release payments',
        environment: 'production',
        items: [{ product: 'payment-api', version: `${requiredCount}.${Date.now()}` }],
        approvalSlots: [{ approvalType: 'qa', requiredCount }],
        submit: true,
      });
    expect(res.status).toBe(201);
    return res.body;
  };
  const decide = (server: any, user: UserName, dr: any) =>
    request(server)
      .post(`${base}/requests/${dr.id}/slots/${dr.slots[0].id}/decision`)
      .set(as(user))
      .send({ decision: 'approve' });
  const rows = (table: string, where: object) => a.knex(table).where(where);

  it('counts the last approval once when two approvers decide it at once on different replicas', async () => {
    const dr = await create(2);
    expect((await decide(a.server, 'quinn', dr)).status).toBe(200);
    const [remy, ada] = await Promise.all([decide(a.server, 'remy', dr), decide(b.server, 'ada', dr)]);
    expect([remy.status, ada.status].sort()).toEqual([200, 409]);
    expect(await rows('approval_decisions', { subject_id: dr.slots[0].id })).toHaveLength(2);
    const changes = await rows('audit_events', {
      subject_type: 'deployment_request',
      subject_id: dr.id,
      action: 'state_changed',
    });
    expect(changes.map(c => JSON.parse(c.after).state)).toEqual(['approved']);
    expect((await request(b.server).get(`${base}/requests/${dr.id}`).set(as('devon'))).body.state).toBe(
      'approved',
    );
  });

  it('takes one decision when the same approver decides at once on both replicas', async () => {
    const dr = await create(2);
    const answers = await Promise.all([decide(a.server, 'quinn', dr), decide(b.server, 'quinn', dr)]);
    expect(answers.map(r => r.status).sort()).toEqual([200, 409]);
    expect(await rows('approval_decisions', { subject_id: dr.slots[0].id })).toHaveLength(1);
  });

  it('records an event once when CI sends the same Idempotency-Key to both replicas', async () => {
    const body = {
      product_name: 'ledger-service',
      version: '9.9.9',
      environment_name: 'dev',
      status: 'started',
    };
    const send = (server: any) =>
      request(server).post(`${base}/deployments`).set(asCi).set('Idempotency-Key', 'run-42').send(body);
    const answers = await Promise.all([send(a.server), send(b.server), send(a.server), send(b.server)]);
    const ok = answers.filter(r => r.status < 300);
    // Each answer is the one deployment, or asks CI to retry while the first is in flight.
    expect(answers.every(r => r.status < 300 || r.status === 409)).toBe(true);
    expect(ok.filter(r => r.status === 201)).toHaveLength(1);
    expect(new Set(ok.map(r => r.body.id)).size).toBe(1);
    expect(await rows('deployments', { version: '9.9.9' })).toHaveLength(1);
    // A retry after the fact replays the answer on either replica.
    const retry = await send(b.server);
    expect([retry.status, retry.header['idempotent-replayed'], retry.body.id]).toEqual([
      200,
      'true',
      ok[0].body.id,
    ]);
  });
});
