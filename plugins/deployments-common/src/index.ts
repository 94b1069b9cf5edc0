/**
 * Shared parts of Shipgate: the wire types and schemas, permissions, the role table and the
 * typed API client, used by the frontend and the backend alike. One folder per feature.
 *
 * @packageDocumentation
 */
export * from './paging';
export * from './inputLimits';
export * from './productRef';
export * from './permissions';
export * from './signals';
export * from './deployments/statuses';
export * from './deployments/deployments';
export * from './deployments/deploymentSchemas';
export * from './environments/environments';
export * from './environments/environmentSchemas';
export * from './freezes/freezes';
export * from './freezes/freezeSchemas';
export * from './breakGlass/breakGlass';
export * from './breakGlass/breakGlassSchemas';
export * from './approvals/roles';
export * from './approvals/approvals';
export * from './approvals/approvalSchemas';
export * from './audit/audit';
export * from './requests/deploymentRequests';
export * from './requests/deploymentRequestSchemas';
export * from './templates/templates';
export * from './templates/templateSchemas';
export * from './tasks/tasks';
export * from './tasks/taskSchemas';
export * from './client/DeploymentsClient';
export * from './pipelines/pipelines';
export * from './pipelines/pipelineSchemas';
export * from './pipelines/pipelineGraph';
export * from './environmentConfig/environmentConfig';
export * from './environmentConfig/environmentConfigSchemas';
export * from './environmentConfig/variableDiff';
export * from './environmentConfig/promotionPreview';
export * from './promotions/promotions';
export * from './promotions/promotionSchemas';
export * from './systems/systems';
export * from './rules/rules';
export * from './rules/ruleSchemas';
export * from './client/RulesClient';
export * from './client/PromotionsClient';
export * from './protection/protection';
export * from './protection/protectionSchemas';
