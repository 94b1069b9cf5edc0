import { ConflictError } from '@backstage/errors';
import { ApprovalSlotState, DeploymentRequestState } from '@shipgate/plugin-deployments-common';

/** The deployment request state machine: which state may follow which. */
export const REQUEST_TRANSITIONS: Record<DeploymentRequestState, readonly DeploymentRequestState[]> = {
  draft: ['in_progress', 'canceled'],
  in_progress: ['approved', 'rejected', 'canceled'],
  approved: ['completed'],
  rejected: [],
  completed: [],
  canceled: [],
};

const STATE_WORDS: Record<DeploymentRequestState, string> = {
  draft: 'a draft',
  in_progress: 'in progress',
  approved: 'approved',
  rejected: 'rejected',
  completed: 'completed',
  canceled: 'canceled',
};

/** Refuses with 409 what the state machine does not allow, saying what state it is in. */
export function assertTransition(
  id: number,
  from: DeploymentRequestState,
  to: DeploymentRequestState,
  action: string,
): void {
  if (!REQUEST_TRANSITIONS[from].includes(to)) {
    throw new ConflictError(
      `deployment request ${id} is ${STATE_WORDS[from]}; it cannot be ${action}`,
    );
  }
}

export function describeState(state: DeploymentRequestState): string {
  return STATE_WORDS[state];
}

/**
 * Where an in-progress request goes once its slots are evaluated: any rejected slot rejects
 * it, all approved slots approve it (a request without slots is approved on submit).
 */
export function requestStateOf(
  slotStates: readonly ApprovalSlotState[],
): 'in_progress' | 'approved' | 'rejected' {
  if (slotStates.includes('rejected')) return 'rejected';
  if (slotStates.every(s => s === 'approved')) return 'approved';
  return 'in_progress';
}
