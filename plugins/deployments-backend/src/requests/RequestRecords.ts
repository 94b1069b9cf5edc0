import { NotFoundError } from '@backstage/errors';
import { ApprovalSlot, ApprovalType } from '@shipgate/plugin-deployments-common';
import { ApprovalSubject, ApprovalTally } from '../approvals/ApprovalSubject';
import { ApprovalStore } from '../approvals/ApprovalStore';
import { groupBy } from '../database/groupBy';
import { Transaction } from '../database/transactions';
import {
  DeploymentRequestRecord,
  RequestRow,
  RequestSummaryRecord,
  SlotTally,
} from './DeploymentRequestRecord';
import { DeploymentRequestStore } from './DeploymentRequestStore';

/** A request's approval slot is an approval subject with one requirement: an approval type. */
function slotRequirementOf(subject: Pick<ApprovalTally, 'requirements'>) {
  const [requirement] = subject.requirements;
  return {
    approvalType: requirement?.approvalType as ApprovalType,
    requiredCount: requirement?.requiredCount ?? 0,
  };
}

export function slotOf(subject: ApprovalSubject): ApprovalSlot {
  return {
    id: subject.id,
    ...slotRequirementOf(subject),
    state: subject.state,
    decisions: subject.decisions.map(d => ({
      id: d.id,
      decidedBy: d.decidedBy,
      decision: d.decision,
      comment: d.comment,
      createdAt: d.createdAt,
    })),
    // Only on slots a rule shaped, so the slots of requests without rules read as before.
    ...(subject.fromRule ? { fromRule: subject.fromRule } : {}),
    ...(subject.orderRank !== null && subject.orderRank !== undefined ? { orderRank: subject.orderRank } : {}),
  };
}

/** A slot counted, from its subject's tally. */
function slotTallyOf(tally: ApprovalTally): SlotTally {
  return {
    id: tally.id,
    ...slotRequirementOf(tally),
    state: tally.state,
    approvals: tally.approvals,
  };
}

/** What a list shows of a slot read whole. */
export function tallyOfSlot(slot: ApprovalSlot): SlotTally {
  return {
    id: slot.id,
    approvalType: slot.approvalType,
    requiredCount: slot.requiredCount,
    state: slot.state,
    approvals: slot.decisions.filter(d => d.decision === 'approve').length,
  };
}

/**
 * Reads deployment requests: whole (their own rows from the request store, their approval
 * slots from the approvals engine's store), or as lists show them (no steps, slots counted).
 */
export class RequestRecords {
  constructor(
    private readonly requests: DeploymentRequestStore,
    private readonly approvals: ApprovalStore,
  ) {}

  async get(id: number, tx?: Transaction): Promise<DeploymentRequestRecord | undefined> {
    const row = await this.requests.get(id, tx);
    return row ? (await this.withSlots([row], tx))[0] : undefined;
  }

  async require(id: number, tx?: Transaction): Promise<DeploymentRequestRecord> {
    const request = await this.get(id, tx);
    if (!request) throw new NotFoundError(`deployment request ${id} not found`);
    return request;
  }

  async getMany(ids: number[], tx?: Transaction): Promise<DeploymentRequestRecord[]> {
    return this.withSlots(await this.requests.getMany(ids, tx), tx);
  }

  /** Requests as lists show them (`RequestSummaryRecord`), in the order of `ids`. */
  async summaries(ids: number[]): Promise<RequestSummaryRecord[]> {
    const [heads, tallies] = await Promise.all([
      this.requests.heads(ids),
      this.approvals.tallies('request_slot', ids),
    ]);
    const slotsOf = groupBy(tallies, t => t.ownerId);
    return heads.map(head => ({
      ...head,
      slots: (slotsOf.get(head.id) ?? []).map(slotTallyOf),
    }));
  }

  async withSlots(rows: RequestRow[], tx?: Transaction): Promise<DeploymentRequestRecord[]> {
    const subjects = await this.approvals.listOwned(
      'request_slot',
      rows.map(r => r.id),
      tx,
    );
    const slotsOf = groupBy(subjects, s => s.ownerId);
    return rows.map(row => ({ ...row, slots: (slotsOf.get(row.id) ?? []).map(slotOf) }));
  }
}
