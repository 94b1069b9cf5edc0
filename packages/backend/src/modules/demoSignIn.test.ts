import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import authPlugin from '@backstage/plugin-auth-backend';
import { ConfigReader } from '@backstage/config';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import fs from 'fs';
import path from 'path';
import request from 'supertest';
import YAML from 'yaml';
import { DEMO_USER_HEADER, demoSignInModule } from './demoSignIn';

jest.setTimeout(60_000);

const root = path.resolve(__dirname, '../../../..');
const readConfig = (file: string) => YAML.parse(fs.readFileSync(path.join(root, file), 'utf8'));

/** The portal's own config files, merged the way the backend loads them. */
function portalConfig(files: string[]) {
  const merged = ConfigReader.fromConfigs(
    files.map(file => ({ context: file, data: readConfig(file) })),
  );
  return {
    app: { baseUrl: 'http://localhost:3000' },
    shipgate: merged.get('shipgate'),
    auth: { environment: merged.getOptionalString('auth.environment'), providers: { demo: {} } },
  };
}

const devon = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'User',
  metadata: { name: 'devon', namespace: 'default' },
  spec: { memberOf: ['developers'] },
  relations: [{ type: 'memberOf', targetRef: 'group:default/developers' }],
};

async function startAuth(files: string[]) {
  return startTestBackend({
    features: [
      authPlugin,
      demoSignInModule,
      mockServices.rootConfig.factory({ data: portalConfig(files) }),
      catalogServiceMock.factory({ entities: [devon] }),
    ],
  });
}

describe('demo sign-in', () => {
  it('signs in an example user by name with app-config.yaml', async () => {
    const backend = await startAuth(['app-config.yaml']);
    const server = backend.server;
    try {
      const res = await request(server)
        .get('/api/auth/demo/refresh')
        .set(DEMO_USER_HEADER, 'devon');
      expect(res.status).toBe(200);
      expect(res.body.backstageIdentity.identity.userEntityRef).toBe('user:default/devon');
      expect(res.body.backstageIdentity.token).toEqual(expect.any(String));

      const unknown = await request(server)
        .get('/api/auth/demo/refresh')
        .set(DEMO_USER_HEADER, 'mallory');
      expect(unknown.status).toBe(401);
      expect((await request(server).get('/api/auth/demo/refresh')).status).toBe(401);
    } finally {
      await backend.stop();
    }
  });

  it('does not exist when the backend runs with app-config.production.yaml', async () => {
    const backend = await startAuth(['app-config.yaml', 'app-config.production.yaml']);
    const server = backend.server;
    try {
      const res = await request(server)
        .get('/api/auth/demo/refresh')
        .set(DEMO_USER_HEADER, 'devon');
      expect(res.status).toBe(404);
      expect(res.body.backstageIdentity).toBeUndefined();
    } finally {
      await backend.stop();
    }
  });
});
