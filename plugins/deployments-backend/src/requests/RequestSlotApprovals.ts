import { ConflictError, NotFoundError } from '@backstage/errors';
import { ApprovalSlot } from '@shipgate/plugin-deployments-common';
import { ApprovalSubject, Decider } from '../approvals/ApprovalSubject';
import { ApprovalStore } from '../approvals/ApprovalStore';
import { ApprovalSubjectOwner, DecisionOutcome } from '../approvals/ApprovalEngine';
import { AuditEntry } from '../audit/AuditLog';
import { Transaction } from '../database/transactions';
import { RequestFields } from './DeploymentRequestRecord';
import { DeploymentRequestStore } from './DeploymentRequestStore';
import { requestStateOf } from './DeploymentRequestLifecycle';
import { RequestAudit } from './RequestAudit';
import { slotOf } from './RequestRecords';
import { decisionStateRefusal } from './requestRefusals';

/** What a decision on a slot did to its request. */
export interface SlotDecisionResult {
  /** The request's fields as written, with its slots as they are now (no items, no steps). */
  request: RequestFields & { slots: ApprovalSlot[] };
  /** The slot, when this decision resolved it. */
  slotResolved?: ApprovalSlot;
  comment: string | null;
}

/**
 * Deployment requests as owners of approval subjects (`request_slot`): a decision counts
 * only while the request is in progress, and moves the request once its slots are resolved.
 */
export class RequestSlotApprovals implements ApprovalSubjectOwner<SlotDecisionResult, RequestFields> {
  readonly kind = 'request_slot' as const;

  constructor(
    private readonly requests: DeploymentRequestStore,
    private readonly approvals: ApprovalStore,
    private readonly audit: RequestAudit,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async beforeDecision(tx: Transaction, subject: ApprovalSubject, decider: Decider) {
    // Locks the request: decisions on two slots of one request run one after the other.
    // Its own fields only: what a decision checks and changes (the caller has its items).
    const request = await this.requests.lockFields(tx, subject.ownerId);
    if (!request) throw new NotFoundError(`deployment request ${subject.ownerId} not found`);
    const refusal = decisionStateRefusal(request, slotOf(subject), decider.userRef);
    if (refusal) throw new ConflictError(refusal);
    return request;
  }

  async afterDecision(
    tx: Transaction,
    outcome: DecisionOutcome,
    locked: RequestFields,
  ): Promise<SlotDecisionResult> {
    const now = this.now().toISOString();
    const id = locked.id;
    const slot = slotOf(outcome.before);
    const target = `slot ${slot.id} (${slot.approvalType})`;
    const actor = outcome.decidedBy;
    const m = this.requests.mutationsOf(tx, id, now);
    const entries: AuditEntry[] = [
      {
        actor,
        action: outcome.decision === 'approve' ? 'approved_slot' : 'rejected_slot',
        target,
        comment: outcome.comment,
      },
    ];
    if (outcome.resolved) {
      entries.push({
        actor,
        action: 'slot_resolved',
        target,
        before: { state: slot.state },
        after: { state: outcome.state },
      });
    }
    const slots = await this.approvals.listOwned('request_slot', [id], tx);
    const state = requestStateOf(slots.map(s => s.state));
    let request: RequestFields = { ...locked, updatedAt: now };
    if (state !== locked.state) {
      await m.setState(state, { resolvedAt: now });
      // A resolved request takes no more decisions on its remaining slots.
      await this.approvals.setActive(tx, 'request_slot', id, false);
      entries.push({ actor, action: 'state_changed', before: { state: locked.state }, after: { state } });
      request = { ...request, state, resolvedAt: now };
    } else {
      await m.touch();
    }
    // The trail of this decision in one statement: the decision, the slot, the request.
    await this.audit.appendAll(tx, id, entries, now);
    return {
      // The row as written here, with its slots as they are now: no need to read it again.
      request: { ...request, slots: slots.map(slotOf) },
      slotResolved: outcome.resolved ? { ...slot, state: outcome.state } : undefined,
      comment: outcome.comment,
    };
  }
}
