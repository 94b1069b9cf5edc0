import { productNameOf } from '@shipgate/plugin-deployments-common';
import { DeploymentStore } from '../deployments/DeploymentStore';
import { DeploymentRequestRecord } from './DeploymentRequestRecord';
import { DeploymentRequestStore } from './DeploymentRequestStore';
import { RequestAudit } from './RequestAudit';
import { RequestNotifier } from './RequestNotifier';
import { RequestRecords } from './RequestRecords';

/** What completion reads of deployments: which items of a request were deployed. */
export type DeploymentsOfRequests = Pick<DeploymentStore, 'successfulForRequest'>;

/**
 * An approved request completes once every item is deployed to its environment and every
 * step is done: on its own after a step or a deployment, or on request with what is missing.
 */
export class RequestCompletion {
  constructor(
    private readonly requests: DeploymentRequestStore,
    private readonly records: RequestRecords,
    private readonly deployments: DeploymentsOfRequests,
    private readonly audit: RequestAudit,
    private readonly notifier: RequestNotifier,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** What still stands between an approved request and Completed, in words. */
  async blockers(request: DeploymentRequestRecord): Promise<string[]> {
    const blockers: string[] = [];
    const deployed = new Set(
      (await this.deployments.successfulForRequest(request.id, request.environment)).map(
        d => `${d.product}\n${d.version}`,
      ),
    );
    const missing = request.items.filter(i => !deployed.has(`${i.product}\n${i.version}`));
    if (missing.length) {
      blockers.push(
        `not yet deployed to ${request.environment}: ${missing
          .map(i => `${productNameOf(i.product)} ${i.version}`)
          .join(', ')}`,
      );
    }
    const open = request.steps.filter(s => !s.completedAt);
    if (open.length) blockers.push(`steps to complete: ${open.map(s => s.title).join(', ')}`);
    return blockers;
  }

  /** Completes the request when nothing blocks it; returns it then, else undefined. */
  async completeIfDone(id: number, actor: string): Promise<DeploymentRequestRecord | undefined> {
    const current = await this.records.require(id);
    if (current.state !== 'approved' || (await this.blockers(current)).length) return undefined;
    const now = this.now().toISOString();
    const completed = await this.requests.mutate(id, now, async (locked, m) => {
      if (locked.state !== 'approved') return false;
      await m.setState('completed', { completedAt: now });
      await this.audit.append(
        m.tx,
        id,
        { actor, action: 'state_changed', before: { state: 'approved' }, after: { state: 'completed' } },
        now,
      );
      return true;
    });
    if (!completed) return undefined;
    const after = await this.records.require(id);
    await this.notifier.requestResolved(after, actor);
    return after;
  }
}
