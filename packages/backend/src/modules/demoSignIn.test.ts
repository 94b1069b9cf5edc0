import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import authPlugin from '@backstage/plugin-auth-backend';
import { ConfigReader } from '@backstage/config';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import fs from 'fs';
import path from 'path';
import request from 'supertest';
import YAML from 'yaml';
import { DEMO_USER_HEADER, demoSignInModule } from './demoSignIn';

const withDemoSignIn = (environment: string) => ({
  app: { baseUrl: 'http://localhost:3000' },
  shipgate: { demoSignIn: { enabled: true } },
  auth: { environment, providers: { demo: {} } },
});

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

  it('refuses to start with the demo sign-in in a production setting', async () => {
    const start = (environment: string) =>
      startTestBackend({
        features: [
          authPlugin,
          demoSignInModule,
          mockServices.rootConfig.factory({ data: withDemoSignIn(environment) }),
          catalogServiceMock.factory({ entities: [devon] }),
        ],
      }).then(
        async backend => {
          await backend.stop();
          return 'started';
        },
        (e: Error) => e.message,
      );
    expect(await start('production')).toMatch(
      /Refusing to start: shipgate.demoSignIn.enabled is true in a production setting \(auth.environment: production\)/,
    );
    const nodeEnv = process.env.NODE_ENV;
    process.env.NODE_ENV = 'production';
    try {
      expect(await start('development')).toMatch(/NODE_ENV=production/);
      // The benchmarks' own switch lifts the NODE_ENV check only, never auth.environment.
      const benchmark = async (environment: string) => {
        const config = withDemoSignIn(environment);
        (config.shipgate.demoSignIn as any).allowUnderNodeEnvProduction = true;
        return startTestBackend({
          features: [
            authPlugin,
            demoSignInModule,
            mockServices.rootConfig.factory({ data: config }),
            catalogServiceMock.factory({ entities: [devon] }),
          ],
        }).then(
          async backend => {
            await backend.stop();
            return 'started';
          },
          (e: Error) => e.message,
        );
      };
      expect(await benchmark('development')).toBe('started');
      expect(await benchmark('production')).toMatch(/auth.environment: production/);
    } finally {
      process.env.NODE_ENV = nodeEnv;
    }
    expect(await start('development')).toBe('started');
  });
});

describe('where the backend listens', () => {
  const listenOf = (files: string[]) =>
    ConfigReader.fromConfigs(files.map(file => ({ context: file, data: readConfig(file) }))).get(
      'backend.listen',
    );
  it('is this machine only in development, every interface in production', () => {
    expect(listenOf(['app-config.yaml'])).toEqual({ port: 7007, host: '127.0.0.1' });
    expect(listenOf(['app-config.yaml', 'app-config.production.yaml'])).toEqual({
      port: 7007,
      host: '0.0.0.0',
    });
  });
});
