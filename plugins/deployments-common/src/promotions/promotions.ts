import { PromotionPreview } from '../environmentConfig/promotionPreview';

/** The seed's states: no approved or executing step in between. */
export const PROMOTION_STATUSES = [
  'pending_approval',
  'completed',
  'pending_release',
  'rejected',
] as const;
export type PromotionStatus = (typeof PROMOTION_STATUSES)[number];

/** One approver's decision on a promotion. */
export interface PromotionApproval {
  by: string;
  decision: 'approve' | 'reject';
  comment: string | null;
  at: string;
}

/** A promotion request as the API returns it. */
export interface Promotion {
  id: number;
  product: string;
  source: string;
  target: string;
  status: PromotionStatus;
  requester: string;
  notes: string | null;
  requiredApprovals: number;
  approvals: PromotionApproval[];
  /** The preview as it was when the promotion was requested. */
  preview: PromotionPreview;
  /** The release: the deployment record of the promoted version in the target. */
  deploymentId: number | null;
  createdAt: string;
  updatedAt: string;
  /** When it reached completed or rejected (pending_release is not finished). */
  finishedAt: string | null;
  /** Seconds from request to finish, once finished. */
  durationSeconds: number | null;
  /** What the caller may do with it now. */
  abilities?: { approve: boolean; reject: boolean; deploy: boolean };
}
