/*
 * The Shipgate portal's backend: a lean Backstage (catalog, auth, permission, notifications,
 * signals, user settings) plus the Shipgate deployments plugin.
 */
import { createBackend } from '@backstage/backend-defaults';
import { demoSignInModule } from './modules/demoSignIn';

const backend = createBackend();

backend.add(import('@backstage/plugin-app-backend'));

backend.add(import('@backstage/plugin-auth-backend'));
backend.add(demoSignInModule);

backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(import('@backstage/plugin-catalog-backend-module-logs'));

backend.add(import('@backstage/plugin-permission-backend'));
backend.add(import('@shipgate/plugin-permission-backend-module-deployments'));

backend.add(import('@backstage/plugin-events-backend'));
backend.add(import('@backstage/plugin-notifications-backend'));
backend.add(import('@backstage/plugin-signals-backend'));
backend.add(import('@backstage/plugin-user-settings-backend'));

backend.add(import('@shipgate/plugin-deployments-backend'));

backend.start();
