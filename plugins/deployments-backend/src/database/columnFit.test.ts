import {
  breakGlassQuerySchema,
  deploymentApprovalBodySchema,
  configHistoryQuerySchema,
  createFreezeBodySchema,
  environmentConfigBodySchema,
  openBreakGlassBodySchema,
  pipelineBodySchema,
  promotionApproveBodySchema,
  promotionPreviewBodySchema,
  promotionQuerySchema,
  promotionRejectBodySchema,
  promotionRequestBodySchema,
  stopTheLineBodySchema,
  updateEnvironmentBodySchema,
  createDeploymentRequestSchema,
  decisionBodySchema,
  deploymentQuerySchema,
  deploymentRequestQuerySchema,
  matrixQuerySchema,
  recordDeploymentBodySchema,
  stepCompletionBodySchema,
  taskQuerySchema,
  templateBodySchema,
  updateDeploymentBodySchema,
  updateDeploymentRequestSchema,
  evaluateRulesBodySchema,
  ruleBodySchema,
} from '@shipgate/plugin-deployments-common';
import request from 'supertest';
import { backendPerTest } from '../__testUtils__/backendPerTest';
import { z } from 'zod';
import { Path, SchemaField, apiRoutes, fieldsOf, pathText, withValue } from '../__testUtils__/apiShapes';
import { databases } from '../__testUtils__/startDeploymentsBackend';
import { as, asCi, startGovernedBackend, base } from '../__testUtils__/startGovernedBackend';

/*
 * Data that the API accepts must fit the database: every text field of every write body, at
 * the longest its schema allows, goes through the real routes and the writes that follow
 * (decisions, steps, deployments and their audit entries), on SQLite and PostgreSQL.
 */

jest.setTimeout(180_000);


const WRITE_SCHEMAS: Record<string, z.ZodTypeAny> = {
  recordDeployment: recordDeploymentBodySchema,
  updateDeployment: updateDeploymentBodySchema,
  createRequest: createDeploymentRequestSchema,
  updateRequest: updateDeploymentRequestSchema,
  decision: decisionBodySchema,
  stepCompletion: stepCompletionBodySchema,
  template: templateBodySchema,
};
const QUERY_SCHEMAS: Record<string, z.ZodTypeAny> = {
  deployments: deploymentQuerySchema,
  requests: deploymentRequestQuerySchema,
  matrix: matrixQuerySchema,
  tasks: taskQuerySchema,
};

const textFields = (schema: z.ZodTypeAny) => fieldsOf(schema).filter(f => f.typeName === 'ZodString');

/** The longest valid-looking value of a text field. */
function longest(field: SchemaField): string {
  const max = field.maxLength!;
  const name = String(field.path[field.path.length - 1]);
  if (name === 'build_url') return `https://ci.example.com/${'b'.repeat(max - 23)}`;
  return 'x'.repeat(max);
}

/** Fields that name something that must exist: at their longest they name nothing (4xx). */
const REFERENCES = /^(product_name|product|environment_name|environment|status|items\[0\]\.product|environments\[0\])$/;

/**
 * Schemas of pipelines, promotions, environments, freezes, break glass and rules: bounded too (their
 * longest values are driven through the routers by those features' own router tests).
 */
const OTHER_SCHEMAS: Record<string, z.ZodTypeAny> = {
  pipeline: pipelineBodySchema,
  environmentConfig: environmentConfigBodySchema,
  promotionPreview: promotionPreviewBodySchema,
  promotionRequest: promotionRequestBodySchema,
  promotionApprove: promotionApproveBodySchema,
  promotionReject: promotionRejectBodySchema,
  promotions: promotionQuerySchema,
  configHistory: configHistoryQuerySchema,
  updateEnvironment: updateEnvironmentBodySchema,
  createFreeze: createFreezeBodySchema,
  stopTheLine: stopTheLineBodySchema,
  openBreakGlass: openBreakGlassBodySchema,
  breakGlass: breakGlassQuerySchema,
  rule: ruleBodySchema,
  evaluateRules: evaluateRulesBodySchema,
  deploymentApproval: deploymentApprovalBodySchema,
};

describe('the wire schemas', () => {
  it.each(Object.entries({ ...WRITE_SCHEMAS, ...QUERY_SCHEMAS, ...OTHER_SCHEMAS }))(
    'bound every text field of %s',
    (_name, schema) => {
      const unbounded = textFields(schema).filter(f => f.maxLength === undefined && !/page/.test(pathText(f.path)));
      expect(unbounded.map(f => pathText(f.path))).toEqual([]);
    },
  );
});

describe.each(databases.eachSupportedId())('data the API accepts fits the database on %p', databaseId => {
  const ctx = backendPerTest(() => startGovernedBackend(databaseId));
  const api = () => request(ctx.server);

  const maxRequest = (overrides: object = {}) => ({
    title: 'T'.repeat(200),
    description: 'D'.repeat(10_000),
    environment: 'production',
    items: [
      { product: 'payment-api', version: 'v'.repeat(255) },
      { product: 'ledger-service', version: 'w'.repeat(255) },
    ],
    slots: [{ approvalType: 'qa', requiredCount: 1 }],
    preSteps: ['P'.repeat(500), 'Q'.repeat(500)],
    postSteps: ['S'.repeat(500)],
    ...overrides,
  });
  const ok = (res: request.Response, status: number) => {
    expect([res.status, res.body?.error?.message]).toEqual([status, undefined]);
    return res.body;
  };

  it('takes every text field at its longest through a request, its decisions, steps, deployments and audit trail', async () => {
    const template = ok(
      await api().post(`${base}/templates`).set(as('remy')).send({
        name: 'N'.repeat(200),
        description: 'D'.repeat(5_000),
        environments: ['production'],
        slots: [{ approvalType: 'qa', requiredCount: 1 }],
        preSteps: ['P'.repeat(500)],
        postSteps: ['S'.repeat(500)],
      }),
      201,
    );
    ok(
      await api().put(`${base}/templates/${template.id}`).set(as('remy')).send({
        name: 'M'.repeat(200),
        description: 'E'.repeat(5_000),
        environments: ['production'],
        preSteps: ['P'.repeat(500)],
      }),
      200,
    );

    const draft = ok(
      await api().post(`${base}/requests`).set(as('devon')).send(maxRequest({ title: 'x', templateId: template.id })),
      201,
    );
    ok(await api().patch(`${base}/requests/${draft.id}`).set(as('devon')).send(maxRequest({ templateId: template.id })), 200);
    const dr = ok(await api().post(`${base}/requests/${draft.id}/submit`).set(as('devon')), 200);
    ok(
      await api()
        .post(`${base}/requests/${dr.id}/slots/${dr.slots[0].id}/decision`)
        .set(as('quinn'))
        .send({ decision: 'approve', comment: 'C'.repeat(5_000) }),
      200,
    );
    const [pre1, pre2, post] = dr.steps;
    for (const step of [pre1, pre2]) {
      ok(
        await api()
          .post(`${base}/requests/${dr.id}/steps/${step.id}/complete`)
          .set(as('devon'))
          .send({ note: 'N'.repeat(5_000) }),
        200,
      );
    }
    for (const item of dr.items) {
      ok(
        await api()
          .post(`${base}/deployments`)
          .set(asCi)
          .set('Idempotency-Key', `${item.product}${'k'.repeat(1_000)}`)
          .send({
            product_name: item.product,
            version: item.version,
            environment_name: 'production',
            status: 'success',
            deployment_request_id: dr.id,
            deployed_by: 'd'.repeat(255),
            scm_branch: 'b'.repeat(255),
            scm_sha: 'a'.repeat(64),
            tag: 'g'.repeat(255),
            build_url: `https://ci.example.com/${'u'.repeat(2048 - 23)}`,
            extra_metadata: { blob: 'm'.repeat(60_000), nested: { a: { b: { c: 'deep' } } } },
          }),
        201,
      );
    }
    const done = ok(
      await api()
        .post(`${base}/requests/${dr.id}/steps/${post.id}/complete`)
        .set(as('devon'))
        .send({ note: 'N'.repeat(5_000) }),
      200,
    );
    expect(done.state).toBe('completed');
    const targets = done.audit.map((e: any) => e.target ?? '');
    expect(targets).toEqual(expect.arrayContaining([expect.stringContaining('P'.repeat(500))]));
    expect(targets).toEqual(expect.arrayContaining([expect.stringContaining('v'.repeat(255))]));

    // Rejected with the longest comment, cloned, the clone edited at its longest and canceled.
    const second = ok(await api().post(`${base}/requests`).set(as('devon')).send({ ...maxRequest(), submit: true }), 201);
    ok(
      await api()
        .post(`${base}/requests/${second.id}/slots/${second.slots[0].id}/decision`)
        .set(as('quinn'))
        .send({ decision: 'reject', comment: 'R'.repeat(5_000) }),
      200,
    );
    const clone = ok(await api().post(`${base}/requests/${second.id}/clone`).set(as('devon')), 201);
    ok(await api().patch(`${base}/requests/${clone.id}`).set(as('devon')).send(maxRequest()), 200);
    ok(await api().post(`${base}/requests/${clone.id}/cancel`).set(as('devon')), 200);
    ok(await api().delete(`${base}/templates/${template.id}`).set(as('ada')), 204);
  });

  /** A valid body of each write schema, and where it goes. */
  const bodies = async () => {
    let templates = 0;
    const dr = ok(await api().post(`${base}/requests`).set(as('devon')).send({ ...maxRequest(), submit: true }), 201);
    return {
      recordDeployment: {
        send: (body: object) => api().post(`${base}/deployments`).set(asCi).send(body),
        body: { product_name: 'payment-api', version: '1.0.0', environment_name: 'dev', status: 'running' },
      },
      createRequest: {
        send: (body: object) => api().post(`${base}/requests`).set(as('devon')).send(body),
        body: { ...maxRequest({ title: 'short' }), environment: 'dev' },
      },
      updateRequest: {
        send: async (body: object) => {
          const draft = await api().post(`${base}/requests`).set(as('devon')).send(maxRequest());
          return api().patch(`${base}/requests/${draft.body.id}`).set(as('devon')).send(body);
        },
        body: { title: 'short', items: [{ product: 'payment-api', version: '1' }] },
      },
      decision: {
        send: (body: object) =>
          api().post(`${base}/requests/${dr.id}/slots/${dr.slots[0].id}/decision`).set(as('quinn')).send(body),
        body: { decision: 'reject' },
      },
      stepCompletion: {
        send: (body: object) =>
          api().post(`${base}/requests/${dr.id}/steps/${dr.steps[0].id}/complete`).set(as('devon')).send(body),
        body: {},
      },
      template: {
        // Each template needs a name of its own.
        send: (body: any) =>
          api()
            .post(`${base}/templates`)
            .set(as('remy'))
            .send({ ...body, name: body.name === 'template' ? `template ${++templates}` : body.name }),
        body: { name: 'template', environments: ['dev'] },
      },
      updateDeployment: {
        send: async (body: object) => {
          const created = await api()
            .post(`${base}/deployments`)
            .set(asCi)
            .send({ product_name: 'storefront-web', version: `${Math.random()}`, environment_name: 'dev', status: 'created' });
          return api().put(`${base}/deployments/${created.body.id}`).set(asCi).send(body);
        },
        body: { status: 'running' },
      },
    } as Record<string, { send: (body: object) => Promise<request.Response>; body: object }>;
  };

  it('takes each text field of each write body at its longest alone, and never answers 500', async () => {
    const routes = await bodies();
    expect(Object.keys(routes).sort()).toEqual(Object.keys(WRITE_SCHEMAS).sort());
    const answers: string[] = [];
    for (const [name, schema] of Object.entries(WRITE_SCHEMAS)) {
      for (const field of textFields(schema)) {
        const { send, body } = routes[name];
        const res = await send(withValue(body, field.path as Path, longest(field)));
        const where = `${name} ${pathText(field.path)}`;
        const isReference = REFERENCES.test(pathText(field.path));
        answers.push(`${where}: ${res.status < 500 && (isReference ? res.status < 500 : res.status < 300) ? 'ok' : `${res.status} ${res.body?.error?.message}`}`);
        // One decision or step per person: refused again (409), never failing.
      }
    }
    expect(answers.filter(a => !a.endsWith(': ok')).filter(a => !/^(decision|stepCompletion) .*: 409 /.test(a))).toEqual([]);
  });

  it('answers an id beyond its column with 404 on every :id route, and refuses such ids in bodies', async () => {
    // Routes with a numeric id; their other parameters name a product or environment that exists.
    const names: Record<string, string> = { product: 'payment-api', name: 'dev', env: 'dev' };
    const idRoutes = apiRoutes().filter(r => /:(id|slotId|stepId)\b/.test(r.path));
    expect(idRoutes.length).toBeGreaterThan(10);
    for (const route of idRoutes) {
      for (const huge of ['99999999999', '99999999999999999999']) {
        const path = route.path.replace(/:(\w+)/g, (_, param) => names[param] ?? huge);
        const call = (api() as any)[route.method.toLowerCase()](`${base}${path}`)
          .set(route.path.startsWith('/deployments') ? asCi : as('ada'))
          .send(route.method === 'PUT' && route.path.startsWith('/deployments') ? { status: 'running' } : {});
        const res = await call;
        expect([`${route.method} ${path}`, res.status]).toEqual([`${route.method} ${path}`, 404]);
      }
    }
    const named = await api().post(`${base}/deployments`).set(asCi).send({
      product_name: 'payment-api',
      version: '1',
      environment_name: 'dev',
      status: 'running',
      deployment_request_id: 99999999999,
    });
    expect([named.status, named.body.error.message]).toEqual([400, expect.stringMatching(/deployment_request_id/)]);
    const templated = await api()
      .post(`${base}/requests`)
      .set(as('devon'))
      .send({ ...maxRequest(), templateId: 99999999999 });
    expect([templated.status, templated.body.error.message]).toEqual([400, expect.stringMatching(/templateId/)]);
  });
});
