import { ApprovalRequirement, Decider } from './ApprovalSubject';
import { missingApprovals, requirementFor, subjectStateOf } from './quorum';

const requirement = (id: number, fields: Partial<ApprovalRequirement>): ApprovalRequirement => ({
  id,
  approvalType: null,
  role: null,
  group: null,
  user: null,
  requiredCount: 1,
  ...fields,
});
const approve = (requirementId: number) => ({ decision: 'approve' as const, requirementId });
const reject = (requirementId: number) => ({ decision: 'reject' as const, requirementId });

const slot = (requiredCount: number) => [requirement(1, { approvalType: 'qa', requiredCount })];

describe('quorum', () => {
  it('keeps a slot open until it has its required approvals', () => {
    expect(subjectStateOf(slot(2), [])).toBe('open');
    expect(subjectStateOf(slot(2), [approve(1)])).toBe('open');
    expect(subjectStateOf(slot(2), [approve(1), approve(1)])).toBe('approved');
    expect(subjectStateOf(slot(1), [approve(1)])).toBe('approved');
  });

  it('rejects a slot on one rejection, whatever the approvals', () => {
    expect(subjectStateOf(slot(1), [reject(1)])).toBe('rejected');
    expect(subjectStateOf(slot(2), [approve(1), reject(1)])).toBe('rejected');
    expect(subjectStateOf(slot(2), [approve(1), approve(1), reject(1)])).toBe('rejected');
  });

  it('approves a subject with several requirements only when each has its count', () => {
    const rules = [
      requirement(1, { group: 'group:default/qa-team', requiredCount: 2 }),
      requirement(2, { role: 'security', requiredCount: 1 }),
    ];
    expect(subjectStateOf(rules, [approve(1), approve(1)])).toBe('open');
    expect(subjectStateOf(rules, [approve(1), approve(2)])).toBe('open');
    expect(subjectStateOf(rules, [approve(1), approve(2), approve(1)])).toBe('approved');
    // Approvals for one requirement do not count for another.
    expect(subjectStateOf(rules, [approve(2), approve(2), approve(2)])).toBe('open');
    expect(missingApprovals(rules, [approve(1)])).toEqual([
      { requirement: rules[0], missing: 1 },
      { requirement: rules[1], missing: 1 },
    ]);
  });

  it('approves a subject that requires nothing', () => {
    expect(subjectStateOf([], [])).toBe('approved');
  });
});

describe('which requirement a decision counts for', () => {
  const decider: Decider = {
    userRef: 'user:default/quinn',
    roles: ['qa'],
    approvalTypes: ['qa', 'performance'],
    ownershipRefs: ['user:default/quinn', 'group:default/qa-team'],
  };
  const rules = [
    requirement(1, { user: 'user:default/sam' }),
    requirement(2, { group: 'group:default/QA-team' }),
    requirement(3, { role: 'qa' }),
    requirement(4, { approvalType: 'performance' }),
  ];

  it.each([
    [{ user: 'user:default/quinn' }, true],
    [{ user: 'user:default/sam' }, false],
    [{ group: 'group:default/qa-team' }, true],
    [{ group: 'group:default/security-team' }, false],
    [{ role: 'qa' as const }, true],
    [{ role: 'security' as const }, false],
    [{ approvalType: 'performance' as const }, true],
    [{ approvalType: 'security' as const }, false],
  ])('a rule of %o is filled by a QA member: %s', (fields, filled) => {
    expect(requirementFor([requirement(9, fields)], [], decider)).toEqual(
      filled ? requirement(9, fields) : undefined,
    );
  });

  it('picks the first filled requirement that still misses approvals', () => {
    expect(requirementFor(rules, [], decider)).toBe(rules[1]);
    expect(requirementFor(rules, [approve(2)], decider)).toBe(rules[2]);
  });

  it('honours represented_as, and says so when the decider does not fill that rule', () => {
    expect(requirementFor(rules, [], decider, 'performance')).toBe(rules[3]);
    expect(requirementFor(rules, [], decider, 'user:default/sam')).toBe('not_represented');
  });
});
