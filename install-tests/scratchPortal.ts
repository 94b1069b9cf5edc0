/*
 * Writes a minimal Backstage portal outside the workspace that installs Shipgate the way a
 * platform team would: from the packed tarballs (dist-packs/), every other package from the
 * registry. Three npm workspaces:
 *
 *   packages/backend     plain JavaScript run by node, one `backend.add(import(...))` line per
 *                        plugin or module, SQLite in memory;
 *   packages/app         new frontend system: no Shipgate code at all, the plugin is discovered
 *                        from the package's dependencies (`app.packages: all`);
 *   packages/app-legacy  legacy frontend system: `EntityLayout.Route` tabs and routable pages.
 *
 * Backstage versions are the ones this workspace is locked to, so the registry install reuses
 * the npm cache the workspace install filled.
 */
import fs from 'fs';
import path from 'path';

export const WORKSPACE = path.resolve(__dirname, '..');
export const PORTS = {
  backend: 7407,
  app: 3400,
  legacyApp: 3500,
};
/** The static token CI uses (backend.auth.externalAccess). */
export const CI_TOKEN = 'scratch-ci-token';
export const PRODUCT = 'component:default/scratch-service';

/** The version of a package this workspace has installed (its lockfile's choice). */
function installed(name: string): string {
  const file = path.join(WORKSPACE, 'node_modules', name, 'package.json');
  return JSON.parse(fs.readFileSync(file, 'utf8')).version;
}

/** Packages the workspace does not use: versions of the same Backstage release (1.55). */
const NOT_IN_WORKSPACE: Record<string, string> = {
  '@backstage/app-defaults': '1.7.12',
  '@backstage/plugin-auth-backend-module-guest-provider': '0.2.23',
};

function versions(names: string[]): Record<string, string> {
  return Object.fromEntries(
    names.map(n => [n, NOT_IN_WORKSPACE[n] ?? installed(n)]),
  );
}

/**
 * Every @backstage/* package at the version this workspace has: the scratch portal is a portal
 * on the same Backstage release, as a lockfile or `versions:bump` would keep it. Without this,
 * npm resolves the newest versions the ranges allow and libraries of a newer release end up
 * beside those of this one.
 */
function backstageRelease(): Record<string, string> {
  const scope = path.join(WORKSPACE, 'node_modules', '@backstage');
  return Object.fromEntries(
    fs
      .readdirSync(scope)
      .filter(name => fs.existsSync(path.join(scope, name, 'package.json')))
      .map(name => [`@backstage/${name}`, installed(`@backstage/${name}`)]),
  );
}

export type Tarballs = Record<string, string>;

/** `@shipgate/plugin-x` → `file:` spec of its tarball in the packs folder. */
export function findTarballs(packsDir: string): Tarballs {
  const result: Tarballs = {};
  for (const file of fs.readdirSync(packsDir)) {
    const m = file.match(/^shipgate-(.+)-\d+\.\d+\.\d+\.tgz$/);
    if (m) result[`@shipgate/${m[1]}`] = `file:${path.join(packsDir, file)}`;
  }
  return result;
}

function write(dir: string, file: string, content: string | object) {
  const target = path.join(dir, file);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.writeFileSync(
    target,
    typeof content === 'string'
      ? content
      : `${JSON.stringify(content, null, 2)}\n`,
  );
}

const INDEX_HTML = `<!DOCTYPE html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title><%= config.getOptionalString('app.title') ?? 'Backstage' %></title>
  </head>
  <body>
    <div id="root"></div>
  </body>
</html>
`;

const GUEST_SIGN_IN = `import { SignInPage } from '@backstage/core-components';

export const GuestSignInPage = (props: any) => (
  <SignInPage {...props} auto providers={['guest']} />
);
`;

/** Writes the scratch portal into `dir` (which must be empty or absent). */
export function writeScratchPortal(dir: string, tarballs: Tarballs) {
  const shipgate = (name: string) => {
    const spec = tarballs[name];
    if (!spec)
      throw new Error(`no tarball for ${name} in ${Object.keys(tarballs)}`);
    return spec;
  };
  const frontendPeers = versions([
    'react',
    'react-dom',
    'react-router',
    'react-router-dom',
    '@material-ui/core',
  ]);

  write(dir, 'package.json', {
    name: 'scratch-portal',
    private: true,
    workspaces: ['packages/*'],
    devDependencies: versions(['@backstage/cli', '@backstage/cli-defaults']),
    // The libraries our plugins depend on by version are not in the registry: take them
    // from the same packs folder.
    overrides: {
      ...backstageRelease(),
      '@shipgate/plugin-deployments-common': shipgate(
        '@shipgate/plugin-deployments-common',
      ),
      '@shipgate/plugin-deployments-node': shipgate(
        '@shipgate/plugin-deployments-node',
      ),
      react: frontendPeers.react,
      'react-dom': frontendPeers['react-dom'],
    },
  });
  // As in this workspace: the Backstage CLI's optional jest peers conflict under npm's strict
  // peer resolution (nothing to do with Shipgate's packages).
  write(dir, '.npmrc', 'legacy-peer-deps=true\n');
  write(
    dir,
    'app-config.yaml',
    `app:
  title: Scratch portal
  baseUrl: http://localhost:${PORTS.app}
  packages: all
organization:
  name: Scratch
backend:
  baseUrl: http://localhost:${PORTS.backend}
  listen:
    port: ${PORTS.backend}
  cors:
    origin: [http://localhost:${PORTS.app}, http://localhost:${PORTS.legacyApp}]
    methods: [GET, HEAD, PATCH, POST, PUT, DELETE]
    credentials: true
  database:
    client: better-sqlite3
    connection: ':memory:'
  auth:
    externalAccess:
      - type: static
        options:
          token: ${CI_TOKEN}
          subject: ci
auth:
  environment: development
  providers:
    guest: {}
permission:
  enabled: true
catalog:
  rules:
    - allow: [Component, System, Group, User, Location]
  locations:
    - type: file
      target: ${path.join(dir, 'catalog.yaml')}
deployments:
  environments:
    - { name: dev, title: Development, tier: development, order: 1 }
    - { name: production, title: Production, tier: production, order: 2 }
  roles:
    admin: [group:default/admins]
`,
  );
  write(
    dir,
    'catalog.yaml',
    `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: scratch-service
spec:
  type: service
  lifecycle: production
  owner: group:default/admins
---
apiVersion: backstage.io/v1alpha1
kind: Group
metadata:
  name: admins
spec:
  type: team
  children: []
`,
  );

  // The backend: one line per plugin or module, as the packages' READMEs tell.
  write(dir, 'packages/backend/package.json', {
    name: 'backend',
    version: '0.0.0',
    private: true,
    main: 'index.js',
    dependencies: {
      ...versions([
        '@backstage/backend-defaults',
        '@backstage/plugin-auth-backend',
        '@backstage/plugin-auth-backend-module-guest-provider',
        '@backstage/plugin-catalog-backend',
        '@backstage/plugin-permission-backend',
        'better-sqlite3',
      ]),
      '@shipgate/plugin-deployments-backend': shipgate(
        '@shipgate/plugin-deployments-backend',
      ),
      '@shipgate/plugin-permission-backend-module-deployments': shipgate(
        '@shipgate/plugin-permission-backend-module-deployments',
      ),
    },
  });
  write(
    dir,
    'packages/backend/index.js',
    `const { createBackend } = require('@backstage/backend-defaults');

const backend = createBackend();
backend.add(import('@backstage/plugin-auth-backend'));
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));
backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(import('@backstage/plugin-permission-backend'));
backend.add(import('@shipgate/plugin-permission-backend-module-deployments'));
backend.add(import('@shipgate/plugin-deployments-backend'));
backend.start();
`,
  );

  // New frontend system: nothing Shipgate-specific in the code; discovery finds the plugin.
  write(dir, 'packages/app/package.json', {
    name: 'app',
    version: '0.0.0',
    private: true,
    backstage: { role: 'frontend' },
    dependencies: {
      ...versions([
        '@backstage/core-components',
        '@backstage/frontend-defaults',
        '@backstage/frontend-plugin-api',
        '@backstage/plugin-app-react',
        '@backstage/plugin-catalog',
        '@backstage/ui',
      ]),
      ...frontendPeers,
      '@shipgate/plugin-deployments': shipgate('@shipgate/plugin-deployments'),
    },
  });
  write(dir, 'packages/app/public/index.html', INDEX_HTML);
  write(dir, 'packages/app/src/GuestSignInPage.tsx', GUEST_SIGN_IN);
  write(
    dir,
    'packages/app/src/index.tsx',
    `import '@backstage/cli/asset-types';
import ReactDOM from 'react-dom/client';
import { createApp } from '@backstage/frontend-defaults';
import { createFrontendModule } from '@backstage/frontend-plugin-api';
import { SignInPageBlueprint } from '@backstage/plugin-app-react';
import '@backstage/ui/css/styles.css';

const signIn = createFrontendModule({
  pluginId: 'app',
  extensions: [
    SignInPageBlueprint.make({
      params: { loader: async () => (await import('./GuestSignInPage')).GuestSignInPage },
    }),
  ],
});

// Plugins (the catalog, Shipgate) are discovered from this package's dependencies.
const app = createApp({ features: [signIn] });
ReactDOM.createRoot(document.getElementById('root')!).render(app.createRoot());
`,
  );

  // Legacy frontend system: Shipgate's legacy exports placed by hand.
  write(dir, 'packages/app-legacy/package.json', {
    name: 'app-legacy',
    version: '0.0.0',
    private: true,
    backstage: { role: 'frontend' },
    dependencies: {
      ...versions([
        '@backstage/app-defaults',
        '@backstage/core-app-api',
        '@backstage/core-components',
        '@backstage/core-plugin-api',
        '@backstage/plugin-catalog',
        '@backstage/ui',
      ]),
      ...frontendPeers,
      '@shipgate/plugin-deployments': shipgate('@shipgate/plugin-deployments'),
    },
  });
  write(dir, 'packages/app-legacy/public/index.html', INDEX_HTML);
  write(dir, 'packages/app-legacy/src/GuestSignInPage.tsx', GUEST_SIGN_IN);
  write(
    dir,
    'packages/app-legacy/src/index.tsx',
    `import '@backstage/cli/asset-types';
import ReactDOM from 'react-dom/client';
import { Navigate, Route } from 'react-router-dom';
import { createApp } from '@backstage/app-defaults';
import { AppRouter, FlatRoutes } from '@backstage/core-app-api';
import {
  CatalogEntityPage,
  CatalogIndexPage,
  EntityAboutCard,
  EntityLayout,
} from '@backstage/plugin-catalog';
import {
  DeploymentRequestsPage,
  DeploymentsPage,
  EntityDeploymentRequestsContent,
  EntityDeploymentsContent,
  EntityMyTasksContent,
  EntityPipelineContent,
  EnvironmentsPage,
  MyTasksPage,
  PromotionPage,
} from '@shipgate/plugin-deployments';
import { GuestSignInPage } from './GuestSignInPage';

const entityPage = (
  <EntityLayout>
    <EntityLayout.Route path="/" title="Overview">
      <EntityAboutCard />
    </EntityLayout.Route>
    <EntityLayout.Route path="/deployments" title="Deployments">
      <EntityDeploymentsContent />
    </EntityLayout.Route>
    <EntityLayout.Route path="/deployment-requests" title="Deployment Requests">
      <EntityDeploymentRequestsContent />
    </EntityLayout.Route>
    <EntityLayout.Route path="/my-tasks" title="My Tasks">
      <EntityMyTasksContent />
    </EntityLayout.Route>
    <EntityLayout.Route path="/pipeline" title="Pipeline">
      <EntityPipelineContent />
    </EntityLayout.Route>
  </EntityLayout>
);

const app = createApp({ components: { SignInPage: GuestSignInPage } });

const AppRoot = app.createRoot(
  <AppRouter>
    <FlatRoutes>
      <Route path="/" element={<Navigate to="catalog" />} />
      <Route path="/catalog" element={<CatalogIndexPage />} />
      <Route path="/catalog/:namespace/:kind/:name" element={<CatalogEntityPage />}>
        {entityPage}
      </Route>
      <Route path="/deployments" element={<DeploymentsPage />} />
      <Route path="/deployment-requests" element={<DeploymentRequestsPage />} />
      <Route path="/my-tasks" element={<MyTasksPage />} />
      <Route path="/environments" element={<EnvironmentsPage />} />
      <Route path="/promotions" element={<PromotionPage />} />
    </FlatRoutes>
  </AppRouter>,
);

ReactDOM.createRoot(document.getElementById('root')!).render(<AppRoot />);
`,
  );
  write(
    dir,
    'app-config.legacy.yaml',
    `app:
  baseUrl: http://localhost:${PORTS.legacyApp}
`,
  );
}
