import { ConflictError, NotAllowedError, NotFoundError } from '@backstage/errors';
import { ApprovalSubjectOwner, DecisionOutcome } from '../approvals/ApprovalEngine';
import { ApprovalSubject, Decider } from '../approvals/ApprovalSubject';
import { Transaction } from '../database/transactions';
import { PromotionRow, PromotionStore } from './PromotionStore';

/** What a decision did to its promotion; `execute` when it met the quorum. */
export interface PromotionDecisionResult {
  promotion: PromotionRow;
  execute: boolean;
}

/** Runs the promotion's execution inside the deciding transaction (copying the configuration). */
export interface PromotionExecution {
  apply(tx: Transaction, promotion: PromotionRow): Promise<void>;
}

/**
 * Promotions as owners of approval subjects (`promotion`): decisions count while the
 * promotion awaits approval; the decision that meets the quorum copies the configuration in
 * the same transaction, so two final approvals arriving together execute it once (the
 * second waits on the subject's lock and then finds it approved).
 */
export class PromotionApprovals implements ApprovalSubjectOwner<PromotionDecisionResult, PromotionRow> {
  readonly kind = 'promotion' as const;

  constructor(
    private readonly promotions: PromotionStore,
    private readonly execution: PromotionExecution,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async beforeDecision(tx: Transaction, subject: ApprovalSubject, decider: Decider) {
    const promotion = await this.promotions.lock(tx, subject.ownerId);
    if (!promotion) throw new NotFoundError('promotion not found');
    // The seed's words, checked under the lock: the engine's own checks come after these.
    if (promotion.requestedBy === decider.userRef) {
      throw new NotAllowedError('the requester cannot approve their own promotion');
    }
    if (subject.decisions.some(d => d.decidedBy === decider.userRef)) {
      throw new ConflictError('you have already approved this promotion');
    }
    if (promotion.status !== 'pending_approval') {
      throw new ConflictError(`promotion is already ${promotion.status}`);
    }
    return promotion;
  }

  async afterDecision(
    tx: Transaction,
    outcome: DecisionOutcome,
    locked: PromotionRow,
  ): Promise<PromotionDecisionResult> {
    const now = this.now().toISOString();
    if (!outcome.resolved) {
      return { promotion: locked, execute: false };
    }
    if (outcome.state === 'rejected') {
      await this.promotions.setStatus(locked.id, 'rejected', now, {}, tx);
      return { promotion: { ...locked, status: 'rejected', finishedAt: now }, execute: false };
    }
    await this.execution.apply(tx, locked);
    // Released after the commit: until then the configuration is copied and a release is due.
    await this.promotions.setStatus(locked.id, 'pending_release', now, {}, tx);
    return { promotion: { ...locked, status: 'pending_release' }, execute: true };
  }
}
