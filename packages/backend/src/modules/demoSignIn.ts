import { coreServices, createBackendModule } from '@backstage/backend-plugin-api';
import { AuthenticationError } from '@backstage/errors';
import {
  authProvidersExtensionPoint,
  createProxyAuthProviderFactory,
  createProxyAuthenticator,
} from '@backstage/plugin-auth-node';

/** The header scripts, tests and the demo sign-in page send the chosen user in. */
export const DEMO_USER_HEADER = 'x-shipgate-demo-user';

const demoAuthenticator = createProxyAuthenticator({
  defaultProfileTransform: async (result: { userName: string }) => ({
    profile: { displayName: result.userName },
  }),
  initialize: () => undefined,
  async authenticate({ req }) {
    const userName = req.header(DEMO_USER_HEADER)?.trim();
    if (!userName) {
      throw new AuthenticationError(`pick a demo user: send the ${DEMO_USER_HEADER} header`);
    }
    return { result: { userName } };
  },
});

/**
 * Why the demo sign-in must not start here, or undefined in development. A production
 * setting (NODE_ENV or auth.environment) with the demo sign-in on would hand anyone an
 * admin's token, so the backend refuses to start rather than warn.
 */
export function demoSignInProductionRefusal(
  config: {
    getOptionalString(key: string): string | undefined;
    getOptionalBoolean(key: string): boolean | undefined;
  },
  nodeEnv = process.env.NODE_ENV,
): string | undefined {
  const authEnvironment = config.getOptionalString('auth.environment');
  // Local benchmarks measure a production build with demo users; never a deployment.
  const nodeEnvAllowed = config.getOptionalBoolean('shipgate.demoSignIn.allowUnderNodeEnvProduction');
  const where = [
    nodeEnv === 'production' && !nodeEnvAllowed ? 'NODE_ENV=production' : undefined,
    authEnvironment === 'production' ? 'auth.environment: production' : undefined,
  ].filter(Boolean);
  if (where.length === 0) return undefined;
  return (
    `Refusing to start: shipgate.demoSignIn.enabled is true in a production setting (${where.join(
      ', ',
    )}). The demo sign-in lets anyone sign in as any user, an admin included. ` +
    'Load app-config.production.yaml (which turns it off) or set shipgate.demoSignIn.enabled: false.'
  );
}

/**
 * Development-only sign-in: a person picks any example user, so one person in one browser
 * can walk the whole approval flow. Registered only while `shipgate.demoSignIn.enabled` is
 * true, which app-config.production.yaml turns off.
 */
export const demoSignInModule = createBackendModule({
  pluginId: 'auth',
  moduleId: 'shipgate-demo-provider',
  register(reg) {
    reg.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        providers: authProvidersExtensionPoint,
      },
      async init({ config, logger, providers }) {
        if (!config.getOptionalBoolean('shipgate.demoSignIn.enabled')) return;
        const refusal = demoSignInProductionRefusal(config);
        if (refusal) throw new Error(refusal);
        logger.warn('Demo sign-in is enabled: anyone can sign in as any catalog user');
        providers.registerProvider({
          providerId: 'demo',
          factory: createProxyAuthProviderFactory({
            authenticator: demoAuthenticator,
            async signInResolver({ result }, ctx) {
              try {
                return await ctx.signInWithCatalogUser({ entityRef: { name: result.userName } });
              } catch {
                throw new AuthenticationError(`unknown demo user '${result.userName}'`);
              }
            },
          }),
        });
      },
    });
  },
});
