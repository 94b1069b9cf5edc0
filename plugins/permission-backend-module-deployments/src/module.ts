import { coreServices, createBackendModule } from '@backstage/backend-plugin-api';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import { OrgRoles } from '@shipgate/plugin-deployments-node';
import { OtherPluginsPolicy } from './OtherPluginsPolicy';
import { ShipgatePermissionPolicy } from './ShipgatePermissionPolicy';

/** Installs Shipgate's ready permission policy into the permission backend. */
export const permissionModuleDeploymentsPolicy = createBackendModule({
  pluginId: 'permission',
  moduleId: 'deployments-policy',
  register(reg) {
    reg.registerInit({
      deps: { config: coreServices.rootConfig, policy: policyExtensionPoint },
      async init({ config, policy }) {
        const orgRoles = OrgRoles.fromConfig(config);
        policy.setPolicy(
          new ShipgatePermissionPolicy(orgRoles, OtherPluginsPolicy.fromConfig(config, orgRoles)),
        );
      },
    });
  },
});
