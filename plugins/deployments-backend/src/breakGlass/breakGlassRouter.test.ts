import request from 'supertest';
import { backendPerTest } from '../__testUtils__/backendPerTest';
import { databases } from '../__testUtils__/startDeploymentsBackend';
import {
  as,
  asCi,
  startGovernedBackend,
  UserName,
} from '../__testUtils__/startGovernedBackend';

jest.setTimeout(90_000);

const event = (version: string, environment = 'production') => ({
  product_name: 'payment-api',
  version,
  environment_name: environment,
  status: 'success',
  deployed_by: 'ci-bot',
});

describe.each(databases.eachSupportedId())('break glass on %p', databaseId => {
  const ctx = backendPerTest(() => startGovernedBackend(databaseId));

  const api = () => request(ctx.server);
  const deploy = (version: string, environment?: string) =>
    api()
      .post('/api/deployments/deployments')
      .set(asCi)
      .send(event(version, environment));
  const breakGlass = (
    user: UserName,
    body: object,
    environment = 'production',
  ) =>
    api()
      .post(`/api/deployments/environments/${environment}/break-glass`)
      .set(as(user))
      .send(body);
  const freezeProduction = () =>
    api()
      .post('/api/deployments/environments/production/freezes')
      .set(as('ada'))
      .send({
        start: new Date(Date.now() - 60_000).toISOString(),
        end: new Date(Date.now() + 3600_000).toISOString(),
        reason: 'Holidays',
      });

  it('lets deployments through a freeze while open, flags them, tells admins, and reports them', async () => {
    expect((await freezeProduction()).status).toBe(201);
    expect((await deploy('1.0.0')).status).toBe(423);

    const opened = await breakGlass('remy', {
      reason: 'hotfix for incident 7',
      minutes: 30,
    });
    expect(opened.status).toBe(201);
    expect(opened.body).toMatchObject({
      id: expect.any(Number),
      environment: 'production',
      reason: 'hotfix for incident 7',
      openedBy: 'user:default/remy',
      open: true,
      closedAt: null,
    });
    expect(
      Date.parse(opened.body.expiresAt) - Date.parse(opened.body.openedAt),
    ).toBe(30 * 60_000);

    const through = await deploy('1.0.0');
    expect(through.status).toBe(201);
    expect(through.body).toMatchObject({
      status: 'success',
      break_glass_id: opened.body.id,
    });
    // Deployments elsewhere are not under the session.
    expect((await deploy('1.0.0', 'staging')).body.break_glass_id).toBeNull();

    const environments = (
      await api().get('/api/deployments/environments').set(as('vic'))
    ).body;
    expect(
      environments.find((e: any) => e.name === 'production'),
    ).toMatchObject({
      frozen: true,
      breakGlass: { id: opened.body.id, open: true },
    });

    // Admins hear of it.
    await new Promise(resolve => setTimeout(resolve, 50));
    expect(ctx.notifications).toContainEqual(
      expect.objectContaining({
        recipients: { type: 'entity', entityRef: ['group:default/admins'] },
        payload: expect.objectContaining({
          title: 'Break glass: production (user:default/remy)',
          severity: 'high',
        }),
      }),
    );

    // A second session while one is open: 409.
    expect(
      (await breakGlass('ada', { reason: 'again', minutes: 5 })).status,
    ).toBe(409);

    // Closed early: the freeze refuses again.
    const closed = await api()
      .delete(
        `/api/deployments/environments/production/break-glass/${opened.body.id}`,
      )
      .set(as('ada'));
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({
      open: false,
      closedBy: 'user:default/ada',
    });
    expect((await deploy('1.0.1')).status).toBe(423);
    expect(
      (
        await api()
          .delete(
            `/api/deployments/environments/production/break-glass/${opened.body.id}`,
          )
          .set(as('ada'))
      ).status,
    ).toBe(409);

    const report = await api()
      .get('/api/deployments/break-glass')
      .query({
        environment: 'production',
        from: new Date(Date.now() - 3600_000).toISOString(),
      })
      .set(as('vic'));
    expect(report.status).toBe(200);
    expect(report.body).toEqual([
      expect.objectContaining({
        id: opened.body.id,
        reason: 'hotfix for incident 7',
        openedBy: 'user:default/remy',
        closedBy: 'user:default/ada',
        open: false,
        durationMinutes: expect.any(Number),
        deployments: [
          expect.objectContaining({
            id: through.body.id,
            product_name: 'payment-api',
            version: '1.0.0',
            status: 'success',
          }),
        ],
      }),
    ]);
    // A window before the session: nothing.
    const before = await api()
      .get('/api/deployments/break-glass')
      .query({ to: '2020-01-01T00:00:00Z' })
      .set(as('vic'));
    expect(before.body).toEqual([]);
  });

  it('flags deployments while open even without a freeze, and keeps other gates', async () => {
    const opened = await breakGlass(
      'ada',
      { reason: 'drill', minutes: 5 },
      'staging',
    );
    expect(opened.status).toBe(201);
    const res = await deploy('2.0.0', 'staging');
    expect(res.body.break_glass_id).toBe(opened.body.id);
  });

  it.each([
    ['devon' as const, 403],
    ['sasha' as const, 403],
    ['remy' as const, 201],
    ['ada' as const, 201],
  ])('lets %s break glass: %p', async (user, status) => {
    expect((await breakGlass(user, { reason: 'r', minutes: 5 })).status).toBe(
      status,
    );
  });

  it.each([
    [{ minutes: 5 }, /breaking glass needs a reason/],
    [{ reason: ' ', minutes: 5 }, /breaking glass needs a reason/],
    [{ reason: 'r', minutes: 0 }, /minutes must be greater than 0/],
    [{ reason: 'r' }, /minutes is required/],
    [{ reason: 'r', minutes: 5000 }, /at most 1440/],
  ])('answers %j with a 400 naming the field', async (body, message) => {
    const res = await breakGlass('ada', body);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(message);
  });

  it('answers 400 for an unknown environment and 404 for a session of another one', async () => {
    expect(
      (await breakGlass('ada', { reason: 'r', minutes: 5 }, 'moon')).status,
    ).toBe(400);
    const opened = await breakGlass(
      'ada',
      { reason: 'r', minutes: 5 },
      'staging',
    );
    expect(
      (
        await api()
          .delete(
            `/api/deployments/environments/production/break-glass/${opened.body.id}`,
          )
          .set(as('ada'))
      ).status,
    ).toBe(404);
  });
});
