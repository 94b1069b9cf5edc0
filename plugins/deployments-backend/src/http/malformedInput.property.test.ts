import {
  createFreezeBodySchema,
  environmentConfigBodySchema,
  openBreakGlassBodySchema,
  pipelineBodySchema,
  promotionApproveBodySchema,
  promotionPreviewBodySchema,
  promotionRejectBodySchema,
  promotionRequestBodySchema,
  stopTheLineBodySchema,
  updateEnvironmentBodySchema,
  createDeploymentRequestSchema,
  decisionBodySchema,
  recordDeploymentBodySchema,
  stepCompletionBodySchema,
  templateBodySchema,
  updateDeploymentBodySchema,
  updateDeploymentRequestSchema,
  evaluateRulesBodySchema,
  ruleBodySchema,
  deploymentApprovalBodySchema,
} from '@shipgate/plugin-deployments-common';
import fc from 'fast-check';
import request from 'supertest';
import { z } from 'zod';
import { Path, fieldsOf, keysOf, withValue, without, writeRoutes } from '../__testUtils__/apiShapes';
import { databaseSnapshot } from '../__testUtils__/databaseSnapshot';
import { databases } from '../__testUtils__/startDeploymentsBackend';
import { as, asCi, startGovernedBackend, base } from '../__testUtils__/startGovernedBackend';

/*
 * Prove it: malformed input to every write route, generated from the wire schemas' shapes and
 * their edges (wrong types, missing and unknown fields, over-long strings, NUL bytes, huge
 * numbers, deep objects, bad ids, broken JSON), answers 4xx and changes nothing in the
 * database, on SQLite and PostgreSQL. "Malformed" is what the wire contract refuses: the
 * schema says no, or the input holds a NUL byte or nests too deep (refused for all fields).
 */

jest.setTimeout(300_000);


/** The ids of the records the routes act on. */
type Fixture = {
  deployment: number;
  request: number;
  draft: number;
  slot: number;
  step: number;
  template: number;
  promotion: number;
  freeze: number;
  breakGlass: number;
  rule: number;
};

interface RouteSpec {
  /** The body's wire schema; routes without one take no body. */
  schema?: z.ZodTypeAny;
  /** A body the route would take. */
  body?: object;
  /** The records its path parameters name (ids, or names of products and environments). */
  ids: (f: Fixture) => Record<string, number | string>;
  caller: Record<string, string>;
}

const ROUTES: Record<string, RouteSpec> = {
  'POST /deployments': {
    schema: recordDeploymentBodySchema,
    body: {
      product_name: 'payment-api',
      version: '3.0.0',
      environment_name: 'dev',
      status: 'running',
      deployed_by: 'ci',
      scm_branch: 'main',
      scm_sha: 'abc',
      tag: 'v3',
      build_url: 'https://ci.example.com/1',
      extra_metadata: { a: { b: 1 } },
    },
    ids: () => ({}),
    caller: asCi,
  },
  'PUT /deployments/:id': {
    schema: updateDeploymentBodySchema,
    body: { status: 'success' },
    ids: f => ({ id: f.deployment }),
    caller: asCi,
  },
  'DELETE /deployments/:id': { ids: f => ({ id: f.deployment }), caller: asCi },
  'POST /requests': {
    schema: createDeploymentRequestSchema,
    body: {
      title: 'Release',
      description: 'd',
      environment: 'staging',
      items: [{ product: 'payment-api', version: '1.0.0' }],
      slots: [{ approvalType: 'qa', requiredCount: 1 }],
      preSteps: ['Smoke test'],
      postSteps: ['Watch'],
      submit: false,
    },
    ids: () => ({}),
    caller: as('devon'),
  },
  'PATCH /requests/:id': {
    schema: updateDeploymentRequestSchema,
    body: {
      title: 'Release',
      items: [{ product: 'payment-api', version: '1.0.0' }],
      slots: [{ approvalType: 'qa', requiredCount: 1 }],
      preSteps: ['Smoke test'],
    },
    ids: f => ({ id: f.draft }),
    caller: as('devon'),
  },
  'POST /requests/:id/submit': { ids: f => ({ id: f.draft }), caller: as('devon') },
  'POST /requests/:id/cancel': { ids: f => ({ id: f.request }), caller: as('devon') },
  'POST /requests/:id/complete': { ids: f => ({ id: f.request }), caller: as('devon') },
  'POST /requests/:id/clone': { ids: f => ({ id: f.request }), caller: as('devon') },
  'POST /requests/:id/slots/:slotId/decision': {
    schema: decisionBodySchema,
    body: { decision: 'approve', comment: 'ok' },
    ids: f => ({ id: f.request, slotId: f.slot }),
    caller: as('quinn'),
  },
  'POST /requests/:id/steps/:stepId/complete': {
    schema: stepCompletionBodySchema,
    body: { note: 'done' },
    ids: f => ({ id: f.request, stepId: f.step }),
    caller: as('devon'),
  },
  'POST /templates': {
    schema: templateBodySchema,
    body: { name: 'Another', environments: ['dev'], slots: [], preSteps: ['a'], postSteps: [] },
    ids: () => ({}),
    caller: as('ada'),
  },
  'PUT /templates/:id': {
    schema: templateBodySchema,
    body: { name: 'Renamed', environments: ['dev'] },
    ids: f => ({ id: f.template }),
    caller: as('ada'),
  },
  'DELETE /templates/:id': { ids: f => ({ id: f.template }), caller: as('ada') },
  'PUT /products/:product/promotion/pipeline': {
    schema: pipelineBodySchema,
    body: {
      stages: [{ environment: 'dev', position: { x: 0, y: 0 } }, { environment: 'staging' }],
      transitions: [{ from: 'dev', to: 'staging', requiredApprovals: 1, soakMinutes: 0 }],
    },
    ids: () => ({ product: 'payment-api' }),
    caller: as('ada'),
  },
  'PUT /products/:product/environments/:env/config': {
    schema: environmentConfigBodySchema,
    body: { version: '1.0.0', variables: { REPLICAS: '2' } },
    ids: () => ({ product: 'payment-api', env: 'dev' }),
    caller: as('ada'),
  },
  'POST /products/:product/promotion/preview': {
    schema: promotionPreviewBodySchema,
    body: { source: 'dev', target: 'staging' },
    ids: () => ({ product: 'payment-api' }),
    caller: as('devon'),
  },
  'POST /products/:product/promotion/request': {
    schema: promotionRequestBodySchema,
    body: { source: 'dev', target: 'staging', notes: 'n' },
    ids: () => ({ product: 'payment-api' }),
    caller: as('devon'),
  },
  'POST /deployments/:id/approval': {
    schema: deploymentApprovalBodySchema,
    body: { status: 'approved', comment: 'ok', represented_as: 'qa' },
    ids: f => ({ id: f.deployment }),
    caller: as('quinn'),
  },
  'POST /promotions/:id/approve': {
    schema: promotionApproveBodySchema,
    body: { comment: 'ok' },
    ids: f => ({ id: f.promotion }),
    caller: as('ada'),
  },
  'POST /promotions/:id/reject': {
    schema: promotionRejectBodySchema,
    body: { comment: 'no' },
    ids: f => ({ id: f.promotion }),
    caller: as('ada'),
  },
  'POST /promotions/:id/deploy': { ids: f => ({ id: f.promotion }), caller: as('ada') },
  'PUT /environments/:name': {
    schema: updateEnvironmentBodySchema,
    body: { title: 'Development', order: 1, requiredApprovals: 0 },
    ids: () => ({ name: 'dev' }),
    caller: as('ada'),
  },
  'POST /environments/:name/freezes': {
    schema: createFreezeBodySchema,
    body: { start: '2031-01-01T00:00:00Z', end: '2031-01-02T00:00:00Z', reason: 'audit' },
    ids: () => ({ name: 'production' }),
    caller: as('ada'),
  },
  'DELETE /environments/:name/freezes/:id': {
    ids: f => ({ name: 'production', id: f.freeze }),
    caller: as('ada'),
  },
  'POST /freezes/stop-the-line': {
    schema: stopTheLineBodySchema,
    body: { reason: 'incident' },
    ids: () => ({}),
    caller: as('ada'),
  },
  'DELETE /freezes/:id': { ids: f => ({ id: f.freeze }), caller: as('ada') },
  'POST /environments/:name/break-glass': {
    schema: openBreakGlassBodySchema,
    body: { reason: 'hotfix', minutes: 30 },
    ids: () => ({ name: 'staging' }),
    caller: as('ada'),
  },
  'DELETE /environments/:name/break-glass/:id': {
    ids: f => ({ name: 'dev', id: f.breakGlass }),
    caller: as('ada'),
  },
  'POST /rules': {
    schema: ruleBodySchema,
    body: {
      name: 'Another rule',
      match: { environments: ['production'], tiers: ['production'], products: ['payment-api'] },
      requireApprovedRequest: true,
      requiredApprovals: [{ approvalType: 'qa', count: 1 }],
      approvalOrder: ['qa', 'security'],
    },
    ids: () => ({}),
    caller: as('ada'),
  },
  'PUT /rules/:id': {
    schema: ruleBodySchema,
    body: { name: 'Renamed rule', enabled: false, requireApprovedRequest: true },
    ids: f => ({ id: f.rule }),
    caller: as('ada'),
  },
  'DELETE /rules/:id': { ids: f => ({ id: f.rule }), caller: as('ada') },
  'POST /rules/evaluate': {
    schema: evaluateRulesBodySchema,
    body: { product: 'payment-api', version: '1.0.0', environment: 'production' },
    ids: () => ({}),
    caller: as('ada'),
  },
};

/** Bodies as the server sees them: JSON drops undefined and turns NaN into null. */
const asSent = (value: unknown) => (value === undefined ? undefined : JSON.parse(JSON.stringify(value)));

function hasNulOrDepth(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return value.includes('\u0000');
  if (value === null || typeof value !== 'object') return false;
  if (depth >= 16) return true;
  return Object.entries(value).some(([k, v]) => k.includes('\u0000') || hasNulOrDepth(v, depth + 1));
}

/** What the wire contract refuses. */
const malformed = (schema: z.ZodTypeAny, body: unknown) =>
  hasNulOrDepth(body) || !schema.safeParse(body ?? {}).success;

function nested(levels: number): unknown {
  let value: unknown = 'leaf';
  for (let i = 0; i < levels; i++) value = { a: value };
  return value;
}

/** The edges of any field: wrong types, empty and blank, huge numbers, NUL bytes, depth. */
const edgeValue = (maxLength?: number) =>
  fc.oneof(
    fc.constantFrom<unknown>(
      null, true, false, 0, -1, 1.5, 1e21, -1e21, Number.MAX_SAFE_INTEGER + 2, 2_147_483_648,
      '', '   ', '\u0000', 'a\u0000b', [], {}, [[[]]], { nested: { deeper: true } },
      // eslint-disable-next-line no-script-url -- a refused input, not a link
      'javascript:alert(1)', '1e21', '0x10', '99999999999',
    ),
    fc.string({ maxLength: 20 }).map(s => `${s}\u0000${s}`),
    fc.integer({ min: (maxLength ?? 500) + 1, max: (maxLength ?? 500) + 300 }).map(n => 'x'.repeat(n)),
    fc.integer({ min: 11, max: 3_000 }).map(nested),
    fc.array(fc.string({ maxLength: 5 }), { minLength: 51, maxLength: 60 }),
    fc.anything({ maxDepth: 3 }),
  );

/** A malformed body for a schema: one field broken, one dropped, one unknown, or none at all. */
function malformedBody(schema: z.ZodTypeAny, body: object) {
  const leaves = fieldsOf(schema);
  // Containers too (items, items[0], slots…), so that whole lists and objects get broken.
  const paths: Path[] = [];
  const seen = new Set<string>();
  for (const leaf of leaves) {
    for (let i = 1; i <= leaf.path.length; i++) {
      const path = leaf.path.slice(0, i);
      const key = JSON.stringify(path);
      if (!seen.has(key)) {
        seen.add(key);
        paths.push(path);
      }
    }
  }
  const maxOf = (path: Path) => leaves.find(l => JSON.stringify(l.path) === JSON.stringify(path))?.maxLength;
  return fc
    .oneof(
      fc
        .constantFrom(...paths)
        .chain(path => edgeValue(maxOf(path)).map(value => withValue(body, path, value))),
      fc.constantFrom(...keysOf(schema)).map(key => without(body, [key])),
      fc
        .tuple(fc.string({ minLength: 1, maxLength: 12 }), fc.anything({ maxDepth: 2 }))
        .filter(([key]) => !keysOf(schema).includes(key) && key !== 'approvalSlots')
        .map(([key, value]) => ({ ...body, [key]: value ?? 1 })),
      fc.anything({ maxDepth: 3 }),
    )
    .map(asSent);
}

/** Path parameters that name no record: not numbers, out of range, or absent. */
const badId = fc.oneof(
  fc.constantFrom('abc', '0', '-1', '1.5', '1e3', '0x10', ' 7', '99999999999', '99999999999999999999', '424242', '%00', '1%00'),
  fc
    .string({ minLength: 1, maxLength: 12 })
    .filter(s => !/^\d+$/.test(s))
    .map(encodeURIComponent),
);

/** Text that is not JSON, sent as JSON. */
const brokenJson = fc.constantFrom('{', '{"a":', '[1,', 'nul', '{"title": "x"', '{"a": 1}}', "{'a': 1}");

const NUM_RUNS = 25;

describe('the malformed-input suite', () => {
  it('covers every write route of the routers', () => {
    const routes = writeRoutes().map(r => `${r.method} ${r.path}`);
    expect([...new Set(routes)].sort()).toEqual(Object.keys(ROUTES).sort());
  });
});

describe.each(databases.eachSupportedId())('malformed input on %p', databaseId => {
  let ctx: Awaited<ReturnType<typeof startGovernedBackend>>;
  let fixture: Fixture;

  beforeAll(async () => {
    ctx = await startGovernedBackend(databaseId);
    const api = request(ctx.server);
    const deployment = await api
      .post(`${base}/deployments`)
      .set(asCi)
      .send({ product_name: 'ledger-service', version: '1', environment_name: 'dev', status: 'running' });
    const requestBody = ROUTES['POST /requests'].body!;
    const inProgress = await api.post(`${base}/requests`).set(as('devon')).send({ ...requestBody, submit: true });
    const draft = await api.post(`${base}/requests`).set(as('devon')).send(requestBody);
    const template = await api.post(`${base}/templates`).set(as('ada')).send({ name: 'Fixture', environments: ['dev'] });
    expect([deployment.status, inProgress.status, draft.status, template.status]).toEqual([201, 201, 201, 201]);
    // A pending promotion (dev → staging needs one approval), a future freeze, an open session.
    const pipeline = await api
      .put(`${base}/products/payment-api/promotion/pipeline`)
      .set(as('ada'))
      .send(ROUTES['PUT /products/:product/promotion/pipeline'].body!);
    const promotion = await api
      .post(`${base}/products/payment-api/promotion/request`)
      .set(as('devon'))
      .send({ source: 'dev', target: 'staging' });
    const freeze = await api
      .post(`${base}/environments/production/freezes`)
      .set(as('ada'))
      .send(ROUTES['POST /environments/:name/freezes'].body!);
    const session = await api
      .post(`${base}/environments/dev/break-glass`)
      .set(as('ada'))
      .send({ reason: 'fixture', minutes: 60 });
    const rule = await api
      .post(`${base}/rules`)
      .set(as('ada'))
      .send({ name: 'Fixture rule', match: { environments: ['staging'] }, approvalOrder: ['qa', 'security'] });
    expect([pipeline.status, promotion.status, freeze.status, session.status, rule.status]).toEqual([
      200, 201, 201, 201, 201,
    ]);
    fixture = {
      deployment: deployment.body.id,
      request: inProgress.body.id,
      draft: draft.body.id,
      slot: inProgress.body.slots[0].id,
      step: inProgress.body.steps[0].id,
      template: template.body.id,
      promotion: promotion.body.id,
      freeze: freeze.body.id,
      breakGlass: session.body.id,
      rule: rule.body.id,
    };
  });
  afterAll(async () => {
    await ctx?.stop();
  });

  /** Sends a call and requires 4xx and an unchanged database. */
  const refusedAndUnchanged = async (
    method: string,
    path: string,
    caller: Record<string, string>,
    send: (call: request.Test) => request.Test,
  ) => {
    const before = await databaseSnapshot(ctx.knex);
    const res = await send((request(ctx.server) as any)[method.toLowerCase()](`${base}${path}`).set(caller));
    const after = await databaseSnapshot(ctx.knex);
    const where = `${method} ${path}`;
    expect([where, res.status >= 400 && res.status < 500 ? '4xx' : `${res.status} ${JSON.stringify(res.body)}`]).toEqual([
      where,
      '4xx',
    ]);
    expect(after).toEqual(before);
  };

  const pathOf = (route: string, ids: Record<string, string | number>) =>
    route.split(' ')[1].replace(/:(\w+)/g, (_, name) => String(ids[name]));

  describe.each(Object.keys(ROUTES).filter(route => ROUTES[route].schema))('%s', route => {
    const spec = ROUTES[route];
    const method = route.split(' ')[0];

    it('refuses malformed bodies with 4xx and writes nothing', async () => {
      await fc.assert(
        fc.asyncProperty(malformedBody(spec.schema!, spec.body!), async body => {
          fc.pre(malformed(spec.schema!, body));
          await refusedAndUnchanged(method, pathOf(route, spec.ids(fixture)), spec.caller, call =>
            // As JSON text: superagent would drop a falsy body and refuse a bare number.
            body === undefined ? call : call.set('Content-Type', 'application/json').send(JSON.stringify(body)),
          );
        }),
        { numRuns: NUM_RUNS },
      );
    });

    it('refuses bodies that are not JSON with 400 and writes nothing', async () => {
      await fc.assert(
        fc.asyncProperty(brokenJson, async text => {
          await refusedAndUnchanged(method, pathOf(route, spec.ids(fixture)), spec.caller, call =>
            call.set('Content-Type', 'application/json').send(text),
          );
        }),
        { numRuns: 5 },
      );
    });
  });

  describe.each(Object.keys(ROUTES).filter(route => route.includes(':')))('%s', route => {
    const spec = ROUTES[route];
    const method = route.split(' ')[0];

    it('refuses ids that name no record with 4xx and writes nothing', async () => {
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...Object.keys(spec.ids(fixture))), badId, async (param, id) => {
          const path = pathOf(route, { ...spec.ids(fixture), [param]: id });
          await refusedAndUnchanged(method, path, spec.caller, call => (spec.body ? call.send(spec.body) : call));
        }),
        { numRuns: 12 },
      );
    });
  });
});
