import { Knex } from 'knex';
import { Deployment, productNameOf } from '@shipgate/plugin-deployments-common';
import { DeploymentGate, GateEvent, GateVerdict, RecordedChange } from '../gates/DeploymentGate';
import { readOr } from '../gates/GateRead';
import { DeploymentRequestStore } from './DeploymentRequestStore';
import { describeState } from './DeploymentRequestLifecycle';
import { RequestAudit } from './RequestAudit';
import { RequestCompletion } from './RequestCompletion';
import { RequestNotifier } from './RequestNotifier';
import { RequestRecords } from './RequestRecords';

/** The open request (approved first) listing the event's product version for its environment. */
export function openRequestOf(
  requests: Pick<DeploymentRequestStore, 'findOpenFor' | 'openRequestRead'>,
  event: GateEvent,
): Promise<number | null> {
  return readOr(event.reads, requests.openRequestRead, event, async () => {
    const [first] = await requests.findOpenFor(event.product, event.version, event.environment);
    return first ?? null;
  });
}

/**
 * The deployment-request gate: an event naming a request must be for one of its items in
 * its environment (400), and the request approved with its pre-steps done (409). An event
 * that names none is held to the open request (approved first) that lists its product
 * version for its environment, if any, and linked to it. Once recorded, the request's audit
 * trail hears of it in the same transaction, and the request completes when everything is
 * deployed.
 */
export class RequestDeploymentGate implements DeploymentGate {
  readonly name = 'deployment-request';
  readonly reads;

  constructor(
    private readonly requests: DeploymentRequestStore,
    private readonly records: RequestRecords,
    private readonly completion: RequestCompletion,
    private readonly audit: RequestAudit,
    private readonly notifier: RequestNotifier,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.reads = [requests.openRequestRead];
  }

  async check(event: GateEvent): Promise<GateVerdict> {
    const id = event.deploymentRequestId ?? (await openRequestOf(this.requests, event));
    if (id === null) return { kind: 'allow' };
    const request = await this.requests.get(id);
    if (!request) {
      return { kind: 'refuse', status: 400, message: `deployment_request_id: no deployment request ${id}` };
    }
    const covered = request.items.some(
      i => i.product === event.product && i.version === event.version,
    );
    if (!covered || request.environment !== event.environment) {
      return {
        kind: 'refuse',
        status: 400,
        message: `deployment_request_id: deployment request ${id} covers ${request.items
          .map(i => `${productNameOf(i.product)} ${i.version}`)
          .join(', ')} to ${request.environment}, not ${productNameOf(event.product)} ${
          event.version
        } to ${event.environment}`,
      };
    }
    if (request.state !== 'approved') {
      return {
        kind: 'refuse',
        status: 409,
        message: `deployment request ${id} is ${describeState(request.state)}; deployments need it approved`,
      };
    }
    const openPreSteps = request.steps.filter(s => s.phase === 'pre' && !s.completedAt);
    if (openPreSteps.length) {
      return {
        kind: 'refuse',
        status: 409,
        message: `deployment request ${id} has pre-deployment steps to complete first: ${openPreSteps
          .map(s => s.title)
          .join(', ')}`,
      };
    }
    return { kind: 'allow', deploymentRequestId: id };
  }

  /** A change of a deployment linked to a request goes into that request's audit trail. */
  followsUp(change: RecordedChange): boolean {
    return change.deploymentRequestId !== null;
  }

  /** The `deployment_recorded` entry, in the deployment's transaction: both or neither. */
  async recordedIn(tx: Knex.Transaction, deployment: Deployment, recordedBy: string): Promise<void> {
    const id = deployment.deployment_request_id;
    if (!id) return;
    const now = this.now().toISOString();
    await this.requests.mutate(
      id,
      now,
      (_, m) =>
        this.audit.append(
          m.tx,
          id,
          {
            // The audit actor is who called (e.g. the `ci` service); `deployed_by` is what CI says.
            actor: recordedBy,
            action: 'deployment_recorded',
            target: `deployment ${deployment.id}: ${productNameOf(deployment.product)} ${
              deployment.version
            } → ${deployment.environment}`,
            after: { status: deployment.status },
          },
          now,
        ),
      tx,
    );
  }

  /** After the commit: the request completes when everything is deployed; watchers hear. */
  async recorded(deployment: Deployment, recordedBy: string): Promise<void> {
    const id = deployment.deployment_request_id;
    if (!id) return;
    const after =
      (await this.completion.completeIfDone(id, recordedBy)) ?? (await this.records.get(id));
    if (after) await this.notifier.changed(after, recordedBy);
  }
}
