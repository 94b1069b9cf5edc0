import { ApprovalSubject } from '../approvals/ApprovalSubject';
import { approvalStateOf } from './approvalState';
import {
  heldByProtection,
  reasonsBesidesProtection,
  requirementsOf,
  triggererRef,
  waitingReason,
} from './protectionRules';

const requirement = (id: number, fields: object, requiredCount: number) => ({
  id,
  approvalType: null,
  role: null,
  group: null,
  user: null,
  requiredCount,
  ...fields,
});

describe('protection rules', () => {
  it('turns approval rules into requirements of one kind each', () => {
    expect(
      requirementsOf({
        approvalRules: [
          { role: 'qa', requiredApprovals: 1 },
          { group: 'group:default/sec', requiredApprovals: 2 },
          { user: 'user:default/remy', requiredApprovals: 1 },
        ],
        allowTriggererToApprove: false,
      }),
    ).toEqual([
      {
        approvalType: null,
        role: 'qa',
        group: null,
        user: null,
        requiredCount: 1,
      },
      {
        approvalType: null,
        role: null,
        group: 'group:default/sec',
        user: null,
        requiredCount: 2,
      },
      {
        approvalType: null,
        role: null,
        group: null,
        user: 'user:default/remy',
        requiredCount: 1,
      },
    ]);
  });

  it.each([
    ['devon', 'user:default/devon'],
    ['user:default/Devon', 'user:default/devon'],
    ['  ', null],
    [null, null],
    ['d'.repeat(255), null],
  ])('reads deployed_by %p as the triggerer %p', (deployedBy, expected) => {
    expect(triggererRef(deployedBy)).toBe(expected);
  });

  it('says what is still missing, rule by rule', () => {
    const reqs = [
      requirement(1, { role: 'qa' }, 1),
      requirement(2, { group: 'group:default/sec' }, 2),
    ];
    expect(waitingReason(reqs)).toBe(
      'waiting for approvals: 1 from qa, 2 from group:default/sec',
    );
    expect(
      waitingReason(reqs, [{ decision: 'approve', requirementId: 2 }]),
    ).toBe('waiting for approvals: 1 from qa, 1 from group:default/sec');
  });

  it('tells the protection’s part of a blocked reason from other gates’', () => {
    const reason =
      'waiting for approvals: 1 from qa; rule "prod" needs an approved request';
    expect(heldByProtection(reason)).toBe(true);
    expect(heldByProtection('rule "prod" needs an approved request')).toBe(
      false,
    );
    expect(heldByProtection(null)).toBe(false);
    expect(reasonsBesidesProtection(reason)).toBe(
      'rule "prod" needs an approved request',
    );
    expect(
      reasonsBesidesProtection('waiting for approvals: 1 from qa'),
    ).toBeNull();
  });
});

describe('approvalStateOf (GitLab’s shape)', () => {
  const subject = (
    state: ApprovalSubject['state'],
    decisions: ApprovalSubject['decisions'],
  ): ApprovalSubject => ({
    id: 1,
    kind: 'deployment',
    ownerId: 9,
    position: 0,
    requestedBy: 'user:default/devon',
    environment: 'production',
    state,
    active: true,
    createdAt: '2026-12-01T00:00:00.000Z',
    requirements: [
      requirement(1, { role: 'qa' }, 1),
      requirement(2, { user: 'user:default/remy' }, 2),
    ],
    decisions,
  });
  const decision = (
    id: number,
    requirementId: number,
    by: string,
    value: 'approve' | 'reject',
  ) => ({
    id,
    requirementId,
    decidedBy: by,
    decision: value,
    comment: value === 'reject' ? 'no' : null,
    representedAs: null,
    createdAt: '2026-12-01T01:00:00.000Z',
  });

  it('counts pending approvals over every rule and lists each rule’s approvals', () => {
    const state = approvalStateOf(
      subject('open', [decision(1, 2, 'user:default/remy', 'approve')]),
    );
    expect(state.pending_approval_count).toBe(2);
    expect(state.approvals).toEqual([
      {
        user: {
          id: 'user:default/remy',
          username: 'remy',
          name: 'remy',
          state: 'active',
          avatar_url: null,
          web_url: null,
        },
        status: 'approved',
        created_at: '2026-12-01T01:00:00.000Z',
        comment: null,
      },
    ]);
    expect(state.approval_summary.rules).toEqual([
      {
        user_id: null,
        group_id: null,
        access_level: 'qa',
        access_level_description: 'qa',
        required_approvals: 1,
        deployment_approvals: [],
      },
      {
        user_id: 'user:default/remy',
        group_id: null,
        access_level: null,
        access_level_description: 'user:default/remy',
        required_approvals: 2,
        deployment_approvals: [expect.objectContaining({ status: 'approved' })],
      },
    ]);
  });

  it('has nothing pending once rejected', () => {
    const state = approvalStateOf(
      subject('rejected', [decision(1, 1, 'user:default/quinn', 'reject')]),
    );
    expect(state.pending_approval_count).toBe(0);
    expect(state.approvals[0]).toMatchObject({
      status: 'rejected',
      comment: 'no',
    });
  });
});
