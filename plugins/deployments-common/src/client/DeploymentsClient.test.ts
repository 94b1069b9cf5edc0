import { ResponseError } from '@backstage/errors';
import { DeploymentsClient } from './DeploymentsClient';

/** A client over a fetch that records each call and answers with `reply`. */
function clientAnswering(reply: () => Response) {
  const calls: Array<{ url: string; init: RequestInit }> = [];
  const client = new DeploymentsClient({
    discoveryApi: { getBaseUrl: async () => 'http://portal/api/deployments' },
    fetchApi: {
      fetch: (async (url: string, init: RequestInit) => {
        calls.push({ url, init });
        return reply();
      }) as typeof fetch,
    },
  });
  return { client, calls };
}

const json =
  (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  () =>
    new Response(JSON.stringify(body), {
      status,
      headers: { 'Content-Type': 'application/json', ...headers },
    });

describe('DeploymentsClient', () => {
  it('sends to the plugin base URL, encodes a product ref and sends bodies as JSON', async () => {
    const { client, calls } = clientAnswering(json({ stages: [] }));
    await client.savePipeline('component:default/payments api', {
      stages: [],
    } as any);
    expect(calls[0].url).toBe(
      'http://portal/api/deployments/products/component%3Adefault%2Fpayments%20api/promotion/pipeline',
    );
    expect(calls[0].init.method).toBe('PUT');
    expect(calls[0].init.headers).toEqual({
      'Content-Type': 'application/json',
    });
    expect(JSON.parse(String(calls[0].init.body))).toEqual({ stages: [] });
  });

  it('leaves empty query values out, and reads a page from the paging headers', async () => {
    const { client, calls } = clientAnswering(
      json([{ id: 7 }], 200, {
        'X-Total': '41',
        'X-Page': '2',
        'X-Per-Page': '20',
        'X-Next-Page': '3',
      }),
    );
    const page = await client.listPromotions('payments', {
      page: 2,
      status: '',
    } as any);
    expect(calls[0].url).toBe(
      'http://portal/api/deployments/products/payments/promotions?page=2',
    );
    expect(page).toEqual({
      items: [{ id: 7 }],
      total: 41,
      page: 2,
      perPage: 20,
      nextPage: 3,
    });

    const last = clientAnswering(json([], 200, { 'X-Total': '0' }));
    expect(await last.client.listDeployments()).toEqual({
      items: [],
      total: 0,
      page: 1,
      perPage: 20,
      nextPage: null,
    });
    expect(last.calls[0].url).toBe('http://portal/api/deployments/deployments');
  });

  it('sends an idempotency key when recording a deployment with one', async () => {
    const { client, calls } = clientAnswering(json({ id: 1 }, 201));
    await client.recordDeployment(
      { product: 'payments', version: '1.0.0', environment: 'dev' } as any,
      { idempotencyKey: 'run-42' },
    );
    expect(calls[0].init.headers).toEqual({
      'Content-Type': 'application/json',
      'Idempotency-Key': 'run-42',
    });
  });

  it('throws a ResponseError that carries the server’s message on an error status', async () => {
    const { client } = clientAnswering(
      json(
        {
          error: {
            name: 'ConflictError',
            message: 'slot 3 must be approved first',
          },
          request: { method: 'POST', url: '/requests/1/slots/4/decision' },
          response: { statusCode: 409 },
        },
        409,
      ),
    );
    const refusal = client.decideSlot(1, 4, { decision: 'approve' });
    await expect(refusal).rejects.toBeInstanceOf(ResponseError);
    await expect(refusal).rejects.toMatchObject({
      body: { error: { message: 'slot 3 must be approved first' } },
      response: { status: 409 },
    });
  });

  it('hands the rules and promotion calls to their parts, over the same request', async () => {
    const { client, calls } = clientAnswering(json({}));
    await client.evaluateRules({
      product: 'payments',
      version: '1.0.0',
      environment: 'prod',
    });
    await client.rejectPromotion(5, 'not yet');
    await client.listEnvironmentConfigHistory('payments', 'prod eu', {
      page: 2,
    });
    expect(
      calls.map(
        c =>
          `${c.init.method} ${c.url.replace(
            'http://portal/api/deployments',
            '',
          )}`,
      ),
    ).toEqual([
      'POST /rules/evaluate',
      'POST /promotions/5/reject',
      'GET /products/payments/environments/prod%20eu/config/history?page=2',
    ]);
    expect(JSON.parse(String(calls[1].init.body))).toEqual({
      comment: 'not yet',
    });
  });
});
