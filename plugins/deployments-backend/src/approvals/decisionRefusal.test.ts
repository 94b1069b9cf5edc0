import { ApprovalSubject } from './ApprovalSubject';
import { decisionRefusal } from './decisionRefusal';

const subject = (fields: Partial<ApprovalSubject> = {}): ApprovalSubject => ({
  id: 1,
  kind: 'request_slot',
  ownerId: 7,
  position: 0,
  requestedBy: 'user:default/devon',
  environment: 'staging',
  state: 'open',
  active: true,
  createdAt: '2026-12-01T00:00:00.000Z',
  requirements: [],
  decisions: [],
  ...fields,
});
const decision = (decidedBy: string) => ({
  id: 1,
  requirementId: null,
  decidedBy,
  decision: 'approve' as const,
  comment: null,
  representedAs: null,
  createdAt: '2026-12-01T00:00:00.000Z',
});

describe("the engine's own refusals", () => {
  it('lets someone else decide an open, active subject', () => {
    expect(decisionRefusal(subject(), 'user:default/quinn', false)).toBeUndefined();
  });

  it('refuses a second decision by the same person with a conflict', () => {
    expect(
      decisionRefusal(subject({ decisions: [decision('user:default/quinn')] }), 'user:default/quinn', false),
    ).toEqual({ kind: 'conflict', message: 'you have already decided this approval' });
  });

  it('refuses a resolved or inactive subject with a conflict', () => {
    expect(decisionRefusal(subject({ state: 'approved' }), 'user:default/quinn', false)?.kind).toBe(
      'conflict',
    );
    expect(decisionRefusal(subject({ active: false }), 'user:default/quinn', false)?.kind).toBe(
      'conflict',
    );
  });

  it('never lets the requester decide their own unless the environment allows it', () => {
    expect(decisionRefusal(subject(), 'user:default/devon', false)).toEqual({
      kind: 'not_allowed',
      message: 'the requester cannot approve their own request in staging',
    });
    expect(decisionRefusal(subject(), 'user:default/devon', true)).toBeUndefined();
  });
});
