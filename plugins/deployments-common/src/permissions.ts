import { createPermission } from '@backstage/plugin-permission-common';

/**
 * Shipgate's permissions. Reading is open to every signed-in user; each write has its own
 * permission so an organization's policy can decide who may do it.
 */
export const deploymentReadPermission = createPermission({
  name: 'deployments.deployment.read',
  attributes: { action: 'read' },
});

/** Record a deployment event (CI, or a person recording a manual deployment). */
export const deploymentCreatePermission = createPermission({
  name: 'deployments.deployment.create',
  attributes: { action: 'create' },
});

/** Change a deployment's status by hand (PUT /deployments/:id). */
export const deploymentUpdatePermission = createPermission({
  name: 'deployments.deployment.update',
  attributes: { action: 'update' },
});

export const deploymentDeletePermission = createPermission({
  name: 'deployments.deployment.delete',
  attributes: { action: 'delete' },
});

/** Deployment requests: create (and edit/submit/cancel one's own drafts). */
export const deploymentRequestCreatePermission = createPermission({
  name: 'deployments.request.create',
  attributes: { action: 'create' },
});

/** Cancel or edit any request, not only one's own (admins). */
export const deploymentRequestAdminPermission = createPermission({
  name: 'deployments.request.admin',
  attributes: { action: 'update' },
});

/**
 * The resource type of approval subjects (a request's approval slot, and soon a blocked
 * deployment or a promotion), for conditional decisions.
 */
export const APPROVAL_SUBJECT_RESOURCE_TYPE = 'deployments-approval-subject';

/**
 * Decide (approve or reject) an approval subject. A resource permission: a policy answers
 * with conditions such as "the approval type is one of …" and "the caller is not the
 * requester".
 */
export const approvalDecidePermission = createPermission({
  name: 'deployments.approval.decide',
  attributes: { action: 'update' },
  resourceType: APPROVAL_SUBJECT_RESOURCE_TYPE,
});

/** Mark a pre- or post-deployment step complete. */
export const stepCompletePermission = createPermission({
  name: 'deployments.step.complete',
  attributes: { action: 'update' },
});

/** Create, edit and delete deployment request templates. */
export const templateManagePermission = createPermission({
  name: 'deployments.template.manage',
  attributes: { action: 'update' },
});

/**
 * Change a product's promotion pipeline. The policy gives it to admins and release managers;
 * the product's owners (catalog ownership) may manage their own product's pipeline as well.
 */
export const pipelineManagePermission = createPermission({
  name: 'deployments.pipeline.manage',
  attributes: { action: 'update' },
});

/**
 * Manage environments: edit them (PUT /environments/:name), add and lift freezes, and
 * "stop the line". Admins by default.
 */
export const environmentManagePermission = createPermission({
  name: 'deployments.environment.manage',
  attributes: { action: 'update' },
});

/**
 * Approve or reject promotions. The policy gives it to admins and release managers; the
 * product's owners may decide their own product's promotions as well.
 */
export const promotionApprovePermission = createPermission({
  name: 'deployments.promotion.approve',
  attributes: { action: 'update' },
});

/**
 * Break glass: open a session that lets deployments through an environment's freeze (and
 * close it early). Release managers and admins by default.
 */
export const breakGlassPermission = createPermission({
  name: 'deployments.environment.break-glass',
  attributes: { action: 'update' },
});

/**
 * Manage org-wide deployment rules (GET|POST /rules, GET|PUT|DELETE /rules/:id) and try
 * them (POST /rules/evaluate). Admins by default.
 */
export const ruleManagePermission = createPermission({
  name: 'deployments.rule.manage',
  attributes: { action: 'update' },
});

/**
 * Approve or reject a deployment blocked by a protected environment. The environment's
 * approval rules say whose approval counts; the policy may narrow who may decide at all.
 */
export const deploymentApprovePermission = createPermission({
  name: 'deployments.deployment.approve',
  attributes: { action: 'update' },
});

export const deploymentsPermissions = [
  deploymentReadPermission,
  deploymentCreatePermission,
  deploymentUpdatePermission,
  deploymentDeletePermission,
  deploymentRequestCreatePermission,
  deploymentRequestAdminPermission,
  approvalDecidePermission,
  stepCompletePermission,
  templateManagePermission,
  pipelineManagePermission,
  promotionApprovePermission,
  environmentManagePermission,
  breakGlassPermission,
  ruleManagePermission,
  deploymentApprovePermission,
];
