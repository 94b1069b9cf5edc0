import { ApprovalType } from '@shipgate/plugin-deployments-common';

/** An approval slot a request gets: its own, or one a rule adds (then not removable). */
export interface PlannedSlot {
  approvalType: ApprovalType;
  requiredCount: number;
  fromRule: { id: number; name: string } | null;
  /** Its rank in an approval order: decided only after every slot of a lower rank is approved. */
  orderRank: number | null;
}

/**
 * What org-wide policy adds to a request's own approval slots (the deployment rules feature
 * implements it). Asked when a request is created, edited, cloned and submitted, outside
 * the request's transaction.
 */
export interface SlotRules {
  plan(
    target: { environment: string; products: readonly string[] },
    own: ReadonlyArray<{ approvalType: ApprovalType; requiredCount: number }>,
  ): Promise<PlannedSlot[]>;
}

/** No policy: a request has exactly the slots it asks for. */
export const ownSlotsOnly: SlotRules = {
  async plan(_, own) {
    return own.map(slot => ({ ...slot, fromRule: null, orderRank: null }));
  },
};
