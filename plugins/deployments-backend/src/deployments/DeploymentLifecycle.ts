import { ConflictError, InputError } from '@backstage/errors';
import {
  Deployment,
  DeploymentStatus,
  canTransition,
  isFinishedStatus,
  DEPLOYMENT_TRANSITIONS,
  metadataProblem,
} from '@shipgate/plugin-deployments-common';
import {
  DeploymentChange,
  EventDecision,
  NewDeployment,
} from './DeploymentRecord';

/** The facts of a deployment event, already validated: a new record but for its times. */
export type DeploymentEvent = Omit<
  NewDeployment,
  'createdAt' | 'startedAt' | 'finishedAt'
>;

function timestampsFor(status: DeploymentStatus, now: string) {
  return {
    startedAt:
      status === 'running' || isFinishedStatus(status) ? now : undefined,
    finishedAt: isFinishedStatus(status) ? now : undefined,
  };
}

/**
 * The refusal for a status change the lifecycle does not allow, in words a CI author can act
 * on: what it is now and what may follow.
 */
export function transitionRefusal(
  current: Deployment,
  to: DeploymentStatus,
): ConflictError {
  const allowed = DEPLOYMENT_TRANSITIONS[current.status];
  const next = allowed.length
    ? `allowed next: ${allowed.join(', ')}`
    : `${current.status} is final — post a new event to record a new deployment`;
  return new ConflictError(
    `deployment ${current.id} cannot go from ${current.status} to ${to}; ${next}`,
  );
}

/**
 * An event's metadata merged over the deployment's: each event is bounded, and so is what
 * they add up to, or a deployment's row would grow with every event of a chatty pipeline.
 */
function mergedMetadata(open: Deployment, added: Record<string, unknown>) {
  const merged = { ...(open.extra_metadata ?? {}), ...added };
  const problem = metadataProblem(merged);
  if (problem) {
    throw new InputError(
      `extra_metadata: merged with deployment ${open.id}'s earlier metadata it ${problem}; ` +
        `send fewer or smaller keys`,
    );
  }
  return merged;
}

/** Works out the status change of PUT /deployments/:id, or refuses it with 409. */
export function decideStatusChange(
  current: Deployment,
  to: DeploymentStatus,
  now: string,
): DeploymentChange {
  if (!canTransition(current.status, to)) throw transitionRefusal(current, to);
  const { startedAt, finishedAt } = timestampsFor(to, now);
  return {
    status: to,
    updatedAt: now,
    // Nothing holds a deployment that moved on from blocked.
    blockedReason: to === 'blocked' ? undefined : null,
    // A deployment that skipped `running` still gets a start time.
    startedAt: current.started_at ? undefined : startedAt,
    finishedAt,
  };
}

/**
 * What an event does: it moves the open deployment of the same product, version and
 * environment through its lifecycle, or starts a new deployment when none is open.
 * Repeating the current status changes nothing; going backwards is refused with 409.
 */
export function decideEvent(
  event: DeploymentEvent,
  open: Deployment | undefined,
  now: string,
): EventDecision {
  if (!open) {
    const { startedAt, finishedAt } = timestampsFor(event.status, now);
    const deployment: NewDeployment = {
      product: event.product,
      version: event.version,
      environment: event.environment,
      status: event.status,
      blockedReason: event.status === 'blocked' ? event.blockedReason : null,
      ref: event.ref,
      sha: event.sha,
      tag: event.tag,
      deployedBy: event.deployedBy,
      buildUrl: event.buildUrl,
      extraMetadata: event.extraMetadata,
      deploymentRequestId: event.deploymentRequestId,
      breakGlassId: event.breakGlassId ?? null,
      createdAt: now,
      startedAt: startedAt ?? null,
      finishedAt: finishedAt ?? null,
    };
    return { kind: 'create', deployment };
  }
  if (open.status === event.status)
    return { kind: 'unchanged', deployment: open };

  const change = decideStatusChange(open, event.status, now);
  return {
    kind: 'update',
    id: open.id,
    from: open.status,
    change: {
      ...change,
      // The reason stays while it is blocked, and goes once it moves on.
      blockedReason: event.status === 'blocked' ? event.blockedReason : null,
      ref: event.ref ?? open.ref,
      sha: event.sha ?? open.sha,
      tag: event.tag ?? open.tag,
      buildUrl: event.buildUrl ?? open.build_url,
      extraMetadata: event.extraMetadata
        ? mergedMetadata(open, event.extraMetadata)
        : open.extra_metadata,
      deploymentRequestId:
        event.deploymentRequestId ?? open.deployment_request_id,
      // A deployment that moves on under break glass is flagged, and stays flagged.
      breakGlassId: event.breakGlassId ?? open.break_glass_id,
    },
  };
}
