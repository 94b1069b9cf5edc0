/**
 * Shipgate's ready permission policy, as a module of the permission backend.
 *
 * @packageDocumentation
 */
export { permissionModuleDeploymentsPolicy as default } from './module';
export { ShipgatePermissionPolicy, SHIPGATE_ACTION_ROLES } from './ShipgatePermissionPolicy';
export { OtherPluginsPolicy, DEFAULT_MUTATING_ROLES } from './OtherPluginsPolicy';
