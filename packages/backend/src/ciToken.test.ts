import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { authServiceFactory } from '@backstage/backend-defaults/auth';
import { httpAuthServiceFactory } from '@backstage/backend-defaults/httpAuth';
import { permissionsServiceFactory } from '@backstage/backend-defaults/permissions';
import { ConfigReader } from '@backstage/config';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import deploymentsPlugin from '@shipgate/plugin-deployments-backend';
import fs from 'fs';
import path from 'path';
import request from 'supertest';
import YAML from 'yaml';

jest.setTimeout(60_000);

const root = path.resolve(__dirname, '../../..');
const PRODUCTION_TOKEN = 'a-production-ci-token-from-the-environment';
const readConfig = (file: string) =>
  YAML.parse(
    fs
      .readFileSync(path.join(root, file), 'utf8')
      .replace('${SHIPGATE_CI_TOKEN}', PRODUCTION_TOKEN),
  );

/**
 * The portal's external-access settings exactly as its config files declare them (merged the
 * way the backend loads them), with Backstage's real auth, HTTP auth and permissions services:
 * the same code that judges a CI token in the running portal.
 */
async function startWith(files: string[]) {
  const merged = ConfigReader.fromConfigs(
    files.map(file => ({ context: file, data: readConfig(file) })),
  );
  const backend = await startTestBackend({
    features: [
      deploymentsPlugin,
      catalogPlugin,
      authServiceFactory,
      httpAuthServiceFactory,
      permissionsServiceFactory,
      mockServices.rootConfig.factory({
        data: {
          backend: { auth: merged.getConfig('backend.auth').get() },
          permission: { enabled: true },
          deployments: {
            environments: [{ name: 'production', tier: 'production', order: 1 }],
          },
        },
      }),
    ],
  });
  const token = merged
    .getConfigArray('backend.auth.externalAccess')[0]
    .getString('options.token');
  return { backend, ci: { Authorization: `Bearer ${token}` } };
}

describe.each([
  [['app-config.yaml']],
  [['app-config.yaml', 'app-config.production.yaml']],
])('the CI token of %p', files => {
  it('reads and records deployments, and nothing else', async () => {
    const { backend, ci } = await startWith(files);
    const api = () => request(backend.server);
    try {
      // Its job: reading deployments (recording reaches the gates, proven elsewhere).
      const list = await api().get('/api/deployments/deployments').set(ci);
      expect([list.status, list.body]).toEqual([200, []]);
      const unknown = await api()
        .post('/api/deployments/deployments')
        .set(ci)
        .send({ product_name: 'nope', version: '1', environment_name: 'production', status: 'started' });
      // Past authentication and authorization: the body is judged (no such product).
      expect(unknown.status).toBe(400);
      expect((await api().put('/api/deployments/deployments/1').set(ci).send({ status: 'success' })).status).toBe(404);

      // Deployments permissions it was not given, and people's routes: 403.
      expect((await api().delete('/api/deployments/deployments/1').set(ci)).status).toBe(403);
      expect((await api().get('/api/deployments/requests').set(ci)).status).toBe(403);
      expect((await api().post('/api/deployments/templates').set(ci).send({})).status).toBe(403);

      // Another plugin: 403 (it used to list the whole catalog).
      const catalog = await api().get('/api/catalog/entities').set(ci);
      expect(catalog.status).toBe(403);
      expect(catalog.body.error.message).toMatch(/restricted to plugin\(s\) 'deployments'/);

      // A wrong token is still a 401, not a 403.
      expect(
        (await api().get('/api/deployments/deployments').set({ Authorization: 'Bearer nope' }))
          .status,
      ).toBe(401);
    } finally {
      await backend.stop();
    }
  });
});
