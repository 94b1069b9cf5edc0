import {
  TestDatabaseId,
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { coreServices, createServiceFactory } from '@backstage/backend-plugin-api';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { notificationService } from '@backstage/plugin-notifications-node';
import { signalsServiceRef } from '@backstage/plugin-signals-node';
import permissionPlugin from '@backstage/plugin-permission-backend';
import policyModule from '@shipgate/plugin-permission-backend-module-deployments';
import knexFactory, { Knex } from 'knex';
import { deploymentsPlugin } from '../plugin';
import { databases, exampleProducts, exampleSystems, stopAndRelease } from './startDeploymentsBackend';

/** One example user per org role of the seed table, by group membership. */
export const USERS = {
  ada: 'admins',
  remy: 'release-managers',
  pat: 'product-managers',
  quinn: 'qa-team',
  sam: 'security-team',
  devon: 'developers',
  cora: 'compliance-team',
  sasha: 'sre-team',
  bill: 'billing-team',
  vic: 'viewers',
  dana: 'developers',
  /** Owns payment-api and ledger-service (team-payments) and has no org role. */
  olive: 'team-payments',
} as const;
export type UserName = keyof typeof USERS;

/** Product teams (owners of the example products), as in examples/org.yaml; dana is in none. */
const TEAMS: Partial<Record<UserName, string[]>> = {
  devon: ['team-payments'],
  quinn: ['team-payments'],
  sasha: ['team-storefront'],
};

export const governedConfig = {
  permission: { enabled: true },
  deployments: {
    // Notifications as soon as the answer is out, so that a test sees them right after it.
    notifications: { quietMs: 0 },
    environments: [
      { name: 'dev', tier: 'development', order: 1, allowSelfApproval: true },
      { name: 'staging', tier: 'staging', order: 2 },
      { name: 'production', tier: 'production', order: 3, deployPolicy: 'manual' },
    ],
    roles: {
      admin: ['group:default/admins'],
      release_manager: ['group:default/release-managers'],
      product: ['group:default/product-managers'],
      qa: ['group:default/qa-team'],
      security: ['group:default/security-team'],
      developer: ['group:default/developers'],
      compliance: ['group:default/compliance-team'],
      sre: ['group:default/sre-team'],
      billing: ['group:default/billing-team'],
      viewer: ['group:default/viewers'],
    },
  },
};

const MOCK_SERVICE_TOKEN_PREFIX = 'mock-service-token:';

/**
 * Backstage's mock HTTP auth turns a token issued on behalf of a user into plain user
 * credentials; real backends keep the issuing plugin as the `actor`. The permission
 * framework's condition callback (apply-conditions) requires that actor, so this restores it.
 */
const httpAuthWithActors = createServiceFactory({
  service: coreServices.httpAuth,
  deps: { plugin: coreServices.pluginMetadata },
  factory: ({ plugin }) => {
    const inner = mockServices.httpAuth({ pluginId: plugin.getId() });
    return {
      issueUserCookie: (...args: any[]) => (inner.issueUserCookie as any)(...args),
      async credentials(req: any, options?: any) {
        const token = String(req.headers.authorization ?? '').replace(/^Bearer /, '');
        if (token.startsWith(MOCK_SERVICE_TOKEN_PREFIX)) {
          const { sub, obo } = JSON.parse(token.slice(MOCK_SERVICE_TOKEN_PREFIX.length));
          if (obo) {
            const credentials: any = await inner.credentials(req, {
              ...options,
              allow: [...(options?.allow ?? ['user', 'service']), 'user'],
            });
            return { ...credentials, principal: { ...credentials.principal, actor: { subject: sub } } };
          }
        }
        return inner.credentials(req, options);
      },
    } as any;
  },
});

export interface GovernedBackendOptions {
  /** Another replica's database: a pool of its own on the same database (default: a fresh one). */
  sameDatabaseAs?: Knex;
  /** An existing pool, used as it is. */
  knex?: Knex;
  /** Signals and notifications throw after noting what was sent. */
  failingSideEffects?: boolean;
  /**
   * Signals and notifications take this long each, and refuse (throw, noting nothing) once
   * the plugin's shutdown has started, as the notifications backend does when it stops.
   */
  slowSideEffectsMs?: number;
}

/**
 * The deployments plugin with the real permission backend and Shipgate's policy, on a real
 * database; users belong to their role's group; notifications and signals are recorded.
 */
export async function startGovernedBackend(
  databaseId: TestDatabaseId,
  options: GovernedBackendOptions = {},
) {
  let shuttingDown = false;
  const sideEffect = (into: unknown[]) => async (m: unknown) => {
    if (options.slowSideEffectsMs) {
      await new Promise(resolve => setTimeout(resolve, options.slowSideEffectsMs));
      if (shuttingDown) throw new Error('Service is shutting down');
    }
    into.push(m);
    if (options.failingSideEffects) throw new Error('the signal and notification services are down');
  };
  const knex =
    options.knex ??
    (options.sameDatabaseAs
      ? knexFactory({ client: 'pg', connection: options.sameDatabaseAs.client.config.connection })
      : await databases.init(databaseId));
  const notifications: any[] = [];
  const signals: any[] = [];
  const backend = await startTestBackend({
    features: [
      deploymentsPlugin,
      permissionPlugin,
      policyModule,
      mockServices.database.factory({ knex }),
      httpAuthWithActors,
      mockServices.rootConfig.factory({ data: governedConfig }),
      mockServices.scheduler.factory({ includeInitialDelayedTasksOnStartup: true }),
      catalogServiceMock.factory({ entities: [...exampleProducts, ...exampleSystems] }),
      createServiceFactory({
        service: coreServices.userInfo,
        deps: {},
        factory: () => ({
          async getUserInfo(credentials: any) {
            const userEntityRef = credentials.principal.userEntityRef as string;
            const name = userEntityRef.split('/')[1] as UserName;
            const group = USERS[name];
            return {
              userEntityRef,
              ownershipEntityRefs: [
                userEntityRef,
                ...(group ? [`group:default/${group}`] : []),
                ...(TEAMS[name] ?? []).map(team => `group:default/${team}`),
              ],
            };
          },
        }),
      }),
      createServiceFactory({
        service: signalsServiceRef,
        deps: { lifecycle: coreServices.lifecycle },
        factory: ({ lifecycle }) => {
          lifecycle.addShutdownHook(() => {
            shuttingDown = true;
          });
          return { publish: sideEffect(signals) };
        },
      }),
      createServiceFactory({
        service: notificationService,
        deps: {},
        factory: () => ({ send: sideEffect(notifications) }),
      }),
    ],
  });
  return {
    server: backend.server,
    knex,
    notifications,
    signals,
    stop: () => stopAndRelease(backend, knex),
  };
}

/** The deployments plugin's routes, as the router tests call them. */
export const base = '/api/deployments';

/** Headers of a request made as one of the example users. */
export const as = (user: UserName) => ({
  Authorization: mockCredentials.user.header(`user:default/${user}`),
});

/** Headers of a request made by CI (a service principal). */
export const asCi = { Authorization: mockCredentials.service.header() };
