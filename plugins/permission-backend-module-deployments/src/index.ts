/**
 * Shipgate's ready permission policy, as a module of the permission backend.
 *
 * @packageDocumentation
 */
export { permissionModuleDeploymentsPolicy as default } from './module';
export { ShipgatePermissionPolicy, SHIPGATE_ACTION_ROLES } from './ShipgatePermissionPolicy';
