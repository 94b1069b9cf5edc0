/**
 * Shared parts of Shipgate: the wire types and schemas, permissions, the role table and the
 * typed API client, used by the frontend and the backend alike.
 *
 * @packageDocumentation
 */
export * from './statuses';
export * from './environments';
export * from './deployments';
export * from './deploymentSchemas';
export * from './productRef';
export * from './permissions';
export * from './roles';
export * from './signals';
export * from './deploymentRequests';
export * from './deploymentRequestSchemas';
export * from './DeploymentsClient';
