import {
  ApprovalSlot,
  ApprovalType,
  DeploymentRequestState,
  ORG_ROLES,
  ROLE_APPROVAL_TYPES,
  approvalTypesOf,
} from '@shipgate/plugin-deployments-common';
import { Actor } from '../auth/Actor';
import { describeState } from './DeploymentRequestLifecycle';
import { RequestRow, RequestStep } from './DeploymentRequestRecord';

/*
 * Why a person may not do something to a request, in words they can act on. The commands
 * refuse with these, and the presenter shows them beside the buttons they disable, so the
 * page and the server always agree.
 */

const rolesText = (actor: Actor) => actor.roles.join(', ') || 'no Shipgate role';

/** Roles that may decide an approval type, for messages that say who could. */
function rolesDeciding(type: ApprovalType): string[] {
  return ORG_ROLES.filter(role => ROLE_APPROVAL_TYPES[role].includes(type));
}

/** 409: the request or slot takes no decision from this person now. */
export function decisionStateRefusal(
  request: Pick<RequestRow, 'id' | 'state'>,
  slot: ApprovalSlot,
  userRef: string,
): string | undefined {
  if (request.state !== 'in_progress') {
    return (
      `deployment request ${request.id} is ${describeState(request.state)}; ` +
      'decisions are taken only while it is in progress'
    );
  }
  if (slot.decisions.some(d => d.decidedBy === userRef)) {
    return 'you have already decided this approval slot';
  }
  if (slot.state !== 'open') return `the ${slot.approvalType} slot is already ${slot.state}`;
  return undefined;
}

/** 403: why the permission policy refuses this person the slot. */
export function decisionPermissionRefusal(
  request: Pick<RequestRow, 'createdBy' | 'environment'>,
  slot: ApprovalSlot,
  actor: Actor,
): string {
  if (!approvalTypesOf(actor.roles).includes(slot.approvalType)) {
    return `deciding a ${slot.approvalType} slot needs the role ${rolesDeciding(
      slot.approvalType,
    ).join(' or ')}; you have ${rolesText(actor)}`;
  }
  if (request.createdBy === actor.userRef) {
    return `the creator of a deployment request cannot approve it in ${request.environment}`;
  }
  return 'the permission policy does not let you decide this slot';
}

/** 409: the step cannot be completed in the request's state. */
export function stepStateRefusal(
  request: Pick<RequestRow, 'state'>,
  step: RequestStep,
): string | undefined {
  if (step.completedAt) return `step ${step.id} is already complete`;
  const allowed: DeploymentRequestState[] =
    step.phase === 'pre' ? ['in_progress', 'approved'] : ['approved'];
  if (allowed.includes(request.state)) return undefined;
  return step.phase === 'pre'
    ? `pre-deployment steps are completed once the request is submitted; it is ${describeState(request.state)}`
    : `post-deployment steps are completed once the request is approved; it is ${describeState(request.state)}`;
}

/**
 * 403: the person may not complete this step. Beyond the step permission, separation of
 * duties: a step that names a role is completed by that role's members (or an admin); one
 * that names none by the request's creator, release managers or admins. Another team's
 * checklist is not anyone's to tick.
 */
export function stepPermissionRefusal(
  request: Pick<RequestRow, 'id' | 'createdBy'>,
  step: Pick<RequestStep, 'role'>,
  actor: Actor,
): string | undefined {
  if (!actor.canCompleteSteps) {
    return `completing steps is not allowed for your roles (${rolesText(actor)})`;
  }
  if (actor.roles.includes('admin')) return undefined;
  if (step.role) {
    if (actor.roles.includes(step.role)) return undefined;
    return `this step is completed by the ${step.role} role; you have ${rolesText(actor)}`;
  }
  if (request.createdBy === actor.userRef || actor.roles.includes('release_manager')) {
    return undefined;
  }
  return `this step names no role, so the creator of deployment request ${request.id}, a release manager or an admin completes it`;
}

/** 403: the person may not create requests. */
export function creatorRefusal(actor: Actor): string | undefined {
  if (actor.canCreateRequests) return undefined;
  return `creating deployment requests is not allowed for your roles (${rolesText(actor)})`;
}

/** Whether the person may act on the request as its owner: its creator or an admin. */
export function owns(request: Pick<RequestRow, 'createdBy'>, actor: Actor): boolean {
  return request.createdBy === actor.userRef || actor.canAdministerRequests;
}

/** 403: only the creator or an admin may do this to the request. */
export function ownerRefusal(
  request: Pick<RequestRow, 'id' | 'createdBy'>,
  actor: Actor,
  action: string,
): string | undefined {
  if (owns(request, actor)) return undefined;
  return `only the creator of deployment request ${request.id} or an admin may ${action} it`;
}

/** The states a request may be cloned from: those the page offers it in. */
export const CLONEABLE_STATES: readonly DeploymentRequestState[] = ['rejected', 'canceled'];
