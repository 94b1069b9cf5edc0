import { ConflictError, NotAllowedError, NotFoundError } from '@backstage/errors';
import { ApprovalDecisionValue, approvalTypesOf } from '@shipgate/plugin-deployments-common';
import { ApprovalEngine } from '../approvals/ApprovalEngine';
import { Actor } from '../auth/Actor';
import { DeploymentRequestRecord } from './DeploymentRequestRecord';
import { DeploymentRequestStore } from './DeploymentRequestStore';
import { RequestNotifier } from './RequestNotifier';
import { RequestRecords } from './RequestRecords';
import { SlotDecisionResult } from './RequestSlotApprovals';
import { decisionPermissionRefusal, decisionStateRefusal } from './requestRefusals';

/**
 * Decisions on a request's approval slots: checked against the request and the permission
 * policy here, recorded by the approvals engine, which moves the request in the same
 * transaction; then the requester and the approvers hear of it.
 */
export class RequestDecisions {
  constructor(
    private readonly requests: Pick<DeploymentRequestStore, 'get'>,
    private readonly records: RequestRecords,
    private readonly approvals: ApprovalEngine,
    private readonly notifier: RequestNotifier,
  ) {}

  async decide(
    id: number,
    slotId: number,
    input: { decision: ApprovalDecisionValue; comment?: string },
    actor: Actor,
  ): Promise<DeploymentRequestRecord> {
    // The slot as the permission policy sees it, and the request's items and steps, side by
    // side. The request's own checks (in progress, not decided yet, still open) run under its
    // lock in the approvals engine, which reads its fields there. Its items no longer change
    // once it is submitted; a step completed meanwhile shows on the next read.
    const [[resource], contents] = await Promise.all([
      this.approvals.resources([slotId]),
      this.requests.get(id),
    ]);
    if (!contents) throw new NotFoundError(`deployment request ${id} not found`);
    if (!resource || resource.kind !== 'request_slot' || resource.ownerId !== id) {
      throw new NotFoundError(`slot ${slotId} is not part of deployment request ${id}`);
    }
    if (!(await actor.mayDecide([slotId], [resource])).has(slotId)) {
      // Refused: say why as the request page does, a decision not open now (409) first.
      const current = await this.records.require(id);
      const slot = current.slots.find(s => s.id === slotId)!;
      const stateRefusal = decisionStateRefusal(current, slot, actor.userRef);
      if (stateRefusal) throw new ConflictError(stateRefusal);
      throw new NotAllowedError(decisionPermissionRefusal(current, slot, actor));
    }
    const outcome = await this.approvals.decide<SlotDecisionResult>(
      slotId,
      {
        userRef: actor.userRef,
        roles: actor.roles,
        approvalTypes: approvalTypesOf(actor.roles),
        ownershipRefs: actor.ownershipRefs,
      },
      { decision: input.decision, comment: input.comment?.trim() || null },
      resource,
    );
    const after: DeploymentRequestRecord = {
      ...outcome.request,
      items: contents.items,
      steps: contents.steps,
    };
    await this.notifier.decided(after, outcome.slotResolved, actor.userRef, outcome.comment);
    await this.notifier.changed(after, actor.userRef);
    return after;
  }
}
