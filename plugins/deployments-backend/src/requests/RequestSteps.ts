import { ConflictError, NotAllowedError, NotFoundError } from '@backstage/errors';
import { Actor } from '../auth/Actor';
import { DeploymentRequestRecord } from './DeploymentRequestRecord';
import { DeploymentRequestStore } from './DeploymentRequestStore';
import { RequestAudit } from './RequestAudit';
import { RequestCompletion } from './RequestCompletion';
import { RequestNotifier } from './RequestNotifier';
import { RequestRecords } from './RequestRecords';
import { stepPermissionRefusal, stepStateRefusal } from './requestRefusals';

/** Pre- and post-deployment steps: who ticked them, when, with what note. */
export class RequestSteps {
  constructor(
    private readonly requests: DeploymentRequestStore,
    private readonly records: RequestRecords,
    private readonly completion: RequestCompletion,
    private readonly audit: RequestAudit,
    private readonly notifier: RequestNotifier,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async complete(
    id: number,
    stepId: number,
    note: string | undefined,
    actor: Actor,
  ): Promise<DeploymentRequestRecord> {
    const current = await this.records.require(id);
    const step = current.steps.find(s => s.id === stepId);
    if (!step) throw new NotFoundError(`step ${stepId} is not a step of deployment request ${id}`);
    const stateRefusal = stepStateRefusal(current, step);
    if (stateRefusal) throw new ConflictError(stateRefusal);
    const permissionRefusal = stepPermissionRefusal(current, step, actor);
    if (permissionRefusal) throw new NotAllowedError(permissionRefusal);

    const comment = note?.trim() || null;
    const now = this.now().toISOString();
    await this.requests.mutate(id, now, async (locked, m) => {
      const lockedStep = locked.steps.find(s => s.id === stepId)!;
      // Checked again under the lock: someone may have just completed it.
      const refusal = stepStateRefusal(locked, lockedStep);
      if (refusal) throw new ConflictError(refusal);
      await m.completeStep(stepId, actor.userRef, comment);
      await this.audit.append(
        m.tx,
        id,
        {
          actor: actor.userRef,
          action: 'step_completed',
          target: `${lockedStep.phase}-step ${stepId}: ${lockedStep.title}`,
          comment,
        },
        now,
      );
    });
    const after =
      (await this.completion.completeIfDone(id, actor.userRef)) ?? (await this.records.require(id));
    await this.notifier.changed(after, actor.userRef);
    return after;
  }
}
