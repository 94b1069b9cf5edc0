import { mockCredentials } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import request from 'supertest';
import { backendPerTest } from '../__testUtils__/backendPerTest';
import {
  databases,
  startDeploymentsBackend,
} from '../__testUtils__/startDeploymentsBackend';
import { asCi } from '../__testUtils__/startGovernedBackend';

jest.setTimeout(60_000);

const asAdmin = {
  Authorization: mockCredentials.user.header('user:default/ada'),
};
const hours = (n: number) => new Date(Date.now() + n * 3600_000).toISOString();

const event = (environment: string) => ({
  product_name: 'payment-api',
  version: '1.2.3',
  environment_name: environment,
  status: 'success',
});

describe.each(databases.eachSupportedId())(
  'environments and freezes on %p',
  databaseId => {
    const ctx = backendPerTest(() => startDeploymentsBackend(databaseId));

    const api = () => request(ctx.server);
    const deploy = (environment: string) =>
      api()
        .post('/api/deployments/deployments')
        .set(asCi)
        .send(event(environment));
    const freeze = (environment: string, body: object) =>
      api()
        .post(`/api/deployments/environments/${environment}/freezes`)
        .set(asAdmin)
        .send(body);
    const environments = async () =>
      (await api().get('/api/deployments/environments').set(asAdmin))
        .body as any[];
    const deploymentRows = async () =>
      Number((await ctx.knex('deployments').count({ c: '*' }))[0].c);

    it('names, of overlapping freezes, the one that holds longest in GET /environments and the 423', async () => {
      const short = await freeze('production', {
        start: hours(-1),
        end: hours(2),
        reason: 'Short',
      });
      const long = await freeze('production', {
        start: hours(-1),
        end: hours(48),
        reason: 'Long',
      });
      const later = await freeze('production', {
        start: hours(-1),
        end: hours(5),
        reason: 'Later',
      });
      expect([short.status, long.status, later.status]).toEqual([
        201, 201, 201,
      ]);
      const production = (await environments()).find(
        e => e.name === 'production',
      );
      expect(production.frozenBy).toEqual({
        id: long.body.id,
        reason: 'Long',
        until: long.body.end,
      });
      expect((await deploy('production')).body.error.message).toContain(
        `freeze ${long.body.id} ("Long")`,
      );
    });

    it('edits an environment with PUT and shows the change in GET /environments', async () => {
      const res = await api()
        .put('/api/deployments/environments/staging')
        .set(asAdmin)
        .send({
          title: 'Staging EU',
          deployPolicy: 'manual',
          requiredApprovals: 1,
          order: 5,
        });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        name: 'staging',
        title: 'Staging EU',
        tier: 'staging',
        order: 5,
        deployPolicy: 'manual',
        requiredApprovals: 1,
        frozen: false,
        frozenBy: null,
        freezes: [],
      });
      expect(
        (await environments()).find(e => e.name === 'staging'),
      ).toMatchObject({ title: 'Staging EU' });

      const unknown = await api()
        .put('/api/deployments/environments/moon')
        .set(asAdmin)
        .send({ title: 'x' });
      expect(unknown.status).toBe(404);
      const bad = await api()
        .put('/api/deployments/environments/staging')
        .set(asAdmin)
        .send({ tier: 'mars' });
      expect(bad.status).toBe(400);
      expect(bad.body.error.message).toMatch(/tier/);
      const empty = await api()
        .put('/api/deployments/environments/staging')
        .set(asAdmin)
        .send({});
      expect(empty.status).toBe(400);
    });

    it('refuses a deployment into a frozen environment with 423, recording nothing, until lifted', async () => {
      const created = await freeze('production', {
        start: hours(-1),
        end: hours(2),
        reason: 'Black Friday',
      });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({
        id: expect.any(Number),
        kind: 'one-off',
        active: true,
      });

      const refused = await deploy('production');
      expect(refused.status).toBe(423);
      expect(refused.body.error.message).toBe(
        `environment is frozen: production is frozen by freeze ${created.body.id} ("Black Friday") until ${created.body.end}`,
      );
      expect(await deploymentRows()).toBe(0);
      // Other environments are not frozen.
      expect((await deploy('staging')).status).toBe(201);

      const production = (await environments()).find(
        e => e.name === 'production',
      );
      expect(production).toMatchObject({
        frozen: true,
        frozenBy: {
          id: created.body.id,
          reason: 'Black Friday',
          until: created.body.end,
        },
      });
      expect(production.freezes).toHaveLength(1);

      // An environment's freezes are lifted under that environment only.
      expect(
        (
          await api()
            .delete(
              `/api/deployments/environments/staging/freezes/${created.body.id}`,
            )
            .set(asAdmin)
        ).status,
      ).toBe(404);
      expect(
        (
          await api()
            .delete(
              `/api/deployments/environments/production/freezes/${created.body.id}`,
            )
            .set(asAdmin)
        ).status,
      ).toBe(204);
      expect((await deploy('production')).status).toBe(201);
    });

    it('lets a freeze that has not started yet or is over through', async () => {
      await freeze('production', {
        start: hours(1),
        end: hours(2),
        reason: 'later',
      });
      await freeze('production', {
        start: hours(-3),
        end: hours(-2),
        reason: 'over',
      });
      expect((await deploy('production')).status).toBe(201);
      const production = (await environments()).find(
        e => e.name === 'production',
      );
      // Freezes that are over are not shown; the upcoming one is, with its start.
      expect(production.freezes).toMatchObject([
        { reason: 'later', active: false, nextStart: expect.any(String) },
      ]);
    });

    it('refuses during a recurring freeze, read in its time zone', async () => {
      // Every minute for 5 minutes: always active.
      const created = await freeze('staging', {
        cron: '* * * * *',
        durationMinutes: 5,
        timezone: 'Pacific/Auckland',
        reason: 'always',
      });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({
        kind: 'recurring',
        active: true,
        timezone: 'Pacific/Auckland',
      });
      const refused = await deploy('staging');
      expect(refused.status).toBe(423);
      expect(refused.body.error.message).toMatch(
        /^environment is frozen: staging is frozen by freeze \d+ \("always"\) until /,
      );
    });

    it('stops the line: every environment frozen by one action, lifted by one', async () => {
      const stop = await api()
        .post('/api/deployments/freezes/stop-the-line')
        .set(asAdmin)
        .send({ reason: 'incident 42' });
      expect(stop.status).toBe(201);
      expect(stop.body).toMatchObject({
        environment: null,
        end: null,
        active: true,
      });
      for (const environment of ['dev', 'staging', 'production']) {
        const res = await deploy(environment);
        expect(res.status).toBe(423);
        expect(res.body.error.message).toMatch(
          /incident 42.*until it is lifted/,
        );
      }
      expect(
        (await environments()).every(
          e => e.frozen && e.frozenBy.until === null,
        ),
      ).toBe(true);
      // Not an environment's own freeze: lifted by id.
      expect(
        (
          await api()
            .delete(`/api/deployments/environments/dev/freezes/${stop.body.id}`)
            .set(asAdmin)
        ).status,
      ).toBe(404);
      expect(
        (
          await api()
            .delete(`/api/deployments/freezes/${stop.body.id}`)
            .set(asAdmin)
        ).status,
      ).toBe(204);
      expect((await deploy('dev')).status).toBe(201);
    });

    it.each([
      [
        {
          start: '2026-12-24T00:00:00Z',
          end: '2026-12-23T00:00:00Z',
          reason: 'r',
        },
        /end must be after start.*"end"/,
      ],
      [
        { start: '2026-12-24T00:00:00Z', end: '2026-12-25T00:00:00Z' },
        /a freeze needs a reason/,
      ],
      [
        {
          start: '2026-12-24T00:00:00Z',
          end: '2026-12-25T00:00:00Z',
          reason: '  ',
        },
        /a freeze needs a reason/,
      ],
      [
        { cron: '61 * * * *', durationMinutes: 10, reason: 'r' },
        /^cron: invalid cron expression/,
      ],
      [
        {
          cron: '0 18 * * 5',
          durationMinutes: 10,
          timezone: 'Mars/Olympus',
          reason: 'r',
        },
        /unknown time zone 'Mars\/Olympus'.*"timezone"/,
      ],
      [
        { cron: '0 18 * * 5', durationMinutes: 0, reason: 'r' },
        /durationMinutes must be greater than 0/,
      ],
      [
        { cron: '0 18 * * 5', durationMinutes: -5, reason: 'r' },
        /durationMinutes must be greater than 0/,
      ],
      [{ cron: '0 18 * * 5', reason: 'r' }, /needs durationMinutes/],
      [
        { start: 'tomorrow', end: '2026-12-25T00:00:00Z', reason: 'r' },
        /ISO 8601.*"start"/,
      ],
    ])('answers %j with a 400 naming the field', async (body, message) => {
      const res = await freeze('production', body);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(message);
    });

    it('answers 400 for a freeze of an unknown environment', async () => {
      const res = await freeze('moon', {
        start: hours(0),
        end: hours(1),
        reason: 'r',
      });
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(/unknown environment 'moon'/);
    });
  },
);

describe.each(databases.eachSupportedId())(
  'managing environments without permission on %p',
  databaseId => {
    it('refuses edits, freezes and stop the line with 403 and writes nothing', async () => {
      const ctx = await startDeploymentsBackend(databaseId, {
        permission: AuthorizeResult.DENY,
      });
      try {
        const api = request(ctx.server);
        const asUser = {
          Authorization: mockCredentials.user.header('user:default/devon'),
        };
        expect(
          (
            await api
              .put('/api/deployments/environments/dev')
              .set(asUser)
              .send({ title: 'x' })
          ).status,
        ).toBe(403);
        expect(
          (
            await api
              .post('/api/deployments/environments/dev/freezes')
              .set(asUser)
              .send({ start: hours(0), end: hours(1), reason: 'r' })
          ).status,
        ).toBe(403);
        expect(
          (
            await api
              .post('/api/deployments/freezes/stop-the-line')
              .set(asUser)
              .send({ reason: 'r' })
          ).status,
        ).toBe(403);
        expect(
          Number(
            (await ctx.knex('environment_freezes').count({ c: '*' }))[0].c,
          ),
        ).toBe(0);
      } finally {
        await ctx.stop();
      }
    });
  },
);
