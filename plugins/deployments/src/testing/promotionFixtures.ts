import {
  Promotion,
  PromotionPreview,
} from '@shipgate/plugin-deployments-common';

/** Promotions as the API returns them, for component tests. */
export const PRODUCT = 'component:default/payment-api';
export const preview: PromotionPreview = {
  product: PRODUCT,
  source: 'staging',
  target: 'production',
  requiredApprovals: 2,
  workloads: {
    'payment-api': {
      version: { source: '2.1.0', target: '2.0.5', action: 'update' },
    },
  },
  variables: {
    REPLICA_COUNT: {
      source: '5',
      target: '3',
      action: 'update',
      conflict: true,
    },
  },
  conflicts: [
    {
      kind: 'target_changed_since_promotion',
      message:
        'production changed since its last promotion from staging (revision 1 → 2)',
    },
  ],
  changes: { workloads: 1, variables: 1, bindings: 0, total: 2 },
  soak: {
    requiredMinutes: 0,
    elapsedMinutes: 5,
    remainingMinutes: 0,
    satisfied: true,
  },
  at: '2026-12-01T10:00:00Z',
};
export const promotion = (overrides: Partial<Promotion> = {}): Promotion => ({
  id: 7,
  product: PRODUCT,
  source: 'staging',
  target: 'production',
  status: 'pending_approval',
  requester: 'user:default/devon',
  notes: 'ship it',
  requiredApprovals: 2,
  approvals: [],
  preview,
  deploymentId: null,
  createdAt: '2026-12-01T10:00:00Z',
  updatedAt: '2026-12-01T10:00:00Z',
  finishedAt: null,
  durationSeconds: null,
  abilities: { approve: true, reject: true, deploy: false },
  ...overrides,
});
