import {
  ApprovalType,
  DeploymentRule,
  RuleMatch,
} from '@shipgate/plugin-deployments-common';
import { PlannedSlot } from '../requests/SlotRules';

/** What a rule's match is compared with: one event, or one request (one or many products). */
export interface MatchTarget {
  environment: string;
  tier: string;
  products: readonly string[];
}

/**
 * Whether a rule's match covers a deployment event or request. Every list given must hold
 * the value (environments, tiers, and for products: any of the target's); an empty list
 * matches everything. Pure, so it is tested as a table and runs 1,000 rules in memory.
 */
export function ruleMatches(match: RuleMatch, target: MatchTarget): boolean {
  if (
    match.environments.length &&
    !match.environments.includes(target.environment)
  )
    return false;
  if (
    match.tiers.length &&
    !match.tiers.includes(target.tier as RuleMatch['tiers'][number])
  ) {
    return false;
  }
  if (
    match.products.length &&
    !target.products.some(p => match.products.includes(p))
  )
    return false;
  return true;
}

type RuleSlotParts = Pick<
  DeploymentRule,
  'id' | 'name' | 'requiredApprovals' | 'approvalOrder'
>;

/**
 * The slots of a request: its own slots, with what the matching rules require. A rule's
 * approval type the request also asks for becomes one slot with the larger count, marked as
 * the rule's (so PATCH cannot drop it); rules asking for the same type keep the first rule
 * (lowest id) and the largest count. Approval orders rank the slots: a type keeps the rank
 * the first rule (lowest id) gave it, later rules place new types after those they follow;
 * ranks are numbers, so orders of several rules can never loop.
 */
export function plannedSlots(
  own: ReadonlyArray<{ approvalType: ApprovalType; requiredCount: number }>,
  rules: readonly RuleSlotParts[],
): PlannedSlot[] {
  const byType = new Map<ApprovalType, PlannedSlot>();
  for (const slot of own) {
    byType.set(slot.approvalType, { ...slot, fromRule: null, orderRank: null });
  }
  const sorted = [...rules].sort((a, b) => a.id - b.id);
  for (const rule of sorted) {
    for (const { approvalType, count } of rule.requiredApprovals) {
      const current = byType.get(approvalType);
      byType.set(approvalType, {
        approvalType,
        requiredCount: Math.max(count, current?.requiredCount ?? 0),
        fromRule: current?.fromRule ?? { id: rule.id, name: rule.name },
        orderRank: null,
      });
    }
  }
  const ranks = new Map<ApprovalType, number>();
  for (const rule of sorted) {
    let floor = -1;
    for (const type of rule.approvalOrder) {
      const rank = ranks.get(type) ?? floor + 1;
      ranks.set(type, rank);
      floor = Math.max(floor, rank);
    }
  }
  return [...byType.values()].map(slot => ({
    ...slot,
    orderRank: ranks.get(slot.approvalType) ?? null,
  }));
}
