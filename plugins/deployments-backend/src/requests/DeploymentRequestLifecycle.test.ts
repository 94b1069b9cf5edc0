import { ConflictError } from '@backstage/errors';
import {
  DEPLOYMENT_REQUEST_STATES,
  DeploymentRequestState,
} from '@shipgate/plugin-deployments-common';
import {
  REQUEST_TRANSITIONS,
  assertTransition,
  requestStateOf,
} from './DeploymentRequestLifecycle';

describe('the deployment request state machine', () => {
  // The seed's lifecycle, written out once more so that a change to the table is a visible choice.
  const allowed: Array<[DeploymentRequestState, DeploymentRequestState]> = [
    ['draft', 'in_progress'],
    ['draft', 'canceled'],
    ['in_progress', 'approved'],
    ['in_progress', 'rejected'],
    ['in_progress', 'canceled'],
    ['approved', 'completed'],
  ];
  const every = DEPLOYMENT_REQUEST_STATES.flatMap(from =>
    DEPLOYMENT_REQUEST_STATES.map(
      to => [from, to] as [DeploymentRequestState, DeploymentRequestState],
    ),
  );

  it.each(allowed)('allows %s → %s', (from, to) => {
    expect(() => assertTransition(1, from, to, 'moved')).not.toThrow();
  });

  it.each(
    every.filter(
      ([from, to]) => !allowed.some(([f, t]) => f === from && t === to),
    ),
  )('refuses %s → %s with a 409 that names the current state', (from, to) => {
    expect(() => assertTransition(7, from, to, 'moved')).toThrow(ConflictError);
    expect(() => assertTransition(7, from, to, 'moved')).toThrow(
      /deployment request 7 is /,
    );
  });

  it('has no way out of rejected, completed or canceled, and no way back to draft', () => {
    expect(REQUEST_TRANSITIONS.rejected).toEqual([]);
    expect(REQUEST_TRANSITIONS.completed).toEqual([]);
    expect(REQUEST_TRANSITIONS.canceled).toEqual([]);
    for (const state of DEPLOYMENT_REQUEST_STATES) {
      expect(REQUEST_TRANSITIONS[state]).not.toContain('draft');
    }
  });

  it('cannot be canceled once approved', () => {
    expect(() =>
      assertTransition(3, 'approved', 'canceled', 'canceled'),
    ).toThrow('deployment request 3 is approved; it cannot be canceled');
  });
});

describe("a request's state from its slots", () => {
  it('approves a request only when every slot is approved', () => {
    expect(requestStateOf(['approved', 'approved'])).toBe('approved');
    expect(requestStateOf(['approved', 'open'])).toBe('in_progress');
    expect(requestStateOf(['open', 'open'])).toBe('in_progress');
  });

  it('rejects a request when any slot is rejected', () => {
    expect(requestStateOf(['approved', 'rejected'])).toBe('rejected');
    expect(requestStateOf(['open', 'rejected'])).toBe('rejected');
  });

  it('approves a request without slots', () => {
    expect(requestStateOf([])).toBe('approved');
  });
});
