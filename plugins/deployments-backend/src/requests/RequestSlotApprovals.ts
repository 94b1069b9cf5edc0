import { ConflictError, NotFoundError } from '@backstage/errors';
import { ApprovalSlot } from '@shipgate/plugin-deployments-common';
import { ApprovalSubject, Decider } from '../approvals/ApprovalSubject';
import { ApprovalStore } from '../approvals/ApprovalStore';
import { ApprovalSubjectOwner, DecisionOutcome } from '../approvals/ApprovalEngine';
import { Transaction } from '../database/transactions';
import { DeploymentRequestRecord } from './DeploymentRequestRecord';
import { DeploymentRequestStore } from './DeploymentRequestStore';
import { requestStateOf } from './DeploymentRequestLifecycle';
import { RequestAudit } from './RequestAudit';
import { RequestRecords, slotOf } from './RequestRecords';
import { decisionStateRefusal } from './requestRefusals';

/** What a decision on a slot did to its request. */
export interface SlotDecisionResult {
  request: DeploymentRequestRecord;
  /** The slot, when this decision resolved it. */
  slotResolved?: ApprovalSlot;
  comment: string | null;
}

/**
 * Deployment requests as owners of approval subjects (`request_slot`): a decision counts
 * only while the request is in progress, and moves the request once its slots are resolved.
 */
export class RequestSlotApprovals implements ApprovalSubjectOwner<SlotDecisionResult> {
  readonly kind = 'request_slot' as const;

  constructor(
    private readonly requests: DeploymentRequestStore,
    private readonly records: RequestRecords,
    private readonly approvals: ApprovalStore,
    private readonly audit: RequestAudit,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async beforeDecision(tx: Transaction, subject: ApprovalSubject, decider: Decider) {
    // Locks the request: decisions on two slots of one request run one after the other.
    const request = await this.requests.lock(tx, subject.ownerId);
    if (!request) throw new NotFoundError(`deployment request ${subject.ownerId} not found`);
    const refusal = decisionStateRefusal(request, slotOf(subject), decider.userRef);
    if (refusal) throw new ConflictError(refusal);
  }

  async afterDecision(tx: Transaction, outcome: DecisionOutcome): Promise<SlotDecisionResult> {
    const now = this.now().toISOString();
    const id = outcome.before.ownerId;
    const slot = slotOf(outcome.before);
    const target = `slot ${slot.id} (${slot.approvalType})`;
    const actor = outcome.decidedBy;
    await this.requests.mutate(
      id,
      now,
      async (locked, m) => {
        await m.touch();
        await this.audit.append(
          tx,
          id,
          {
            actor,
            action: outcome.decision === 'approve' ? 'approved_slot' : 'rejected_slot',
            target,
            comment: outcome.comment,
          },
          now,
        );
        if (outcome.resolved) {
          await this.audit.append(
            tx,
            id,
            { actor, action: 'slot_resolved', target, before: { state: slot.state }, after: { state: outcome.state } },
            now,
          );
        }
        const slots = await this.approvals.listOwned('request_slot', [id], tx);
        const requestState = requestStateOf(slots.map(s => s.state));
        if (requestState !== locked.state) {
          await m.setState(requestState, { resolvedAt: now });
          // A resolved request takes no more decisions on its remaining slots.
          await this.approvals.setActive(tx, 'request_slot', id, false);
          await this.audit.append(
            tx,
            id,
            { actor, action: 'state_changed', before: { state: locked.state }, after: { state: requestState } },
            now,
          );
        }
      },
      tx,
    );
    return {
      request: await this.records.require(id, tx),
      slotResolved: outcome.resolved ? { ...slot, state: outcome.state } : undefined,
      comment: outcome.comment,
    };
  }
}
