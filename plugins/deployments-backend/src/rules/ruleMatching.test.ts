import { RuleMatch } from '@shipgate/plugin-deployments-common';
import { plannedSlots, ruleMatches } from './ruleMatching';

const match = (m: Partial<RuleMatch>): RuleMatch => ({
  environments: [],
  tiers: [],
  products: [],
  ...m,
});
const pay = 'component:default/payment-api';
const ledger = 'component:default/ledger-service';
const prod = { environment: 'production', tier: 'production', products: [pay] };

describe('ruleMatches', () => {
  it.each([
    ['an empty match matches everything', match({}), prod, true],
    [
      'a listed environment',
      match({ environments: ['staging', 'production'] }),
      prod,
      true,
    ],
    ['another environment', match({ environments: ['staging'] }), prod, false],
    ['a listed tier', match({ tiers: ['production'] }), prod, true],
    ['another tier', match({ tiers: ['staging', 'testing'] }), prod, false],
    ['a listed product', match({ products: [pay] }), prod, true],
    ['another product', match({ products: [ledger] }), prod, false],
    [
      'any product of a request',
      match({ products: [ledger] }),
      { ...prod, products: [pay, ledger] },
      true,
    ],
    [
      'every list must hold (environment and tier)',
      match({ environments: ['production'], tiers: ['staging'] }),
      prod,
      false,
    ],
    [
      'every list must hold (all three)',
      match({
        environments: ['production'],
        tiers: ['production'],
        products: [pay],
      }),
      prod,
      true,
    ],
    [
      'a product list against a request of none',
      match({ products: [pay] }),
      { ...prod, products: [] },
      false,
    ],
  ])('%s', (_, m, target, expected) => {
    expect(ruleMatches(m, target)).toBe(expected);
  });
});

describe('plannedSlots', () => {
  const rule = (
    id: number,
    parts: Partial<{ requiredApprovals: any[]; approvalOrder: any[] }>,
  ) => ({
    id,
    name: `rule ${id}`,
    requiredApprovals: [],
    approvalOrder: [],
    ...parts,
  });

  it.each([
    [
      'keeps own slots when no rule matches',
      [{ approvalType: 'qa', requiredCount: 2 }],
      [],
      [['qa', 2, null, null]],
    ],
    [
      'adds a rule slot to a request that asks for none',
      [],
      [
        rule(1, {
          requiredApprovals: [{ approvalType: 'security', count: 1 }],
        }),
      ],
      [['security', 1, 1, null]],
    ],
    [
      'merges an own slot of the same type into the rule slot with the larger count',
      [{ approvalType: 'qa', requiredCount: 3 }],
      [rule(1, { requiredApprovals: [{ approvalType: 'qa', count: 1 }] })],
      [['qa', 3, 1, null]],
    ],
    [
      'keeps the first rule and the largest count when rules ask for the same type',
      [],
      [
        rule(7, { requiredApprovals: [{ approvalType: 'qa', count: 2 }] }),
        rule(3, { requiredApprovals: [{ approvalType: 'qa', count: 1 }] }),
      ],
      [['qa', 2, 3, null]],
    ],
    [
      'ranks slots by an approval order',
      [
        { approvalType: 'security', requiredCount: 1 },
        { approvalType: 'uat', requiredCount: 1 },
      ],
      [
        rule(1, {
          requiredApprovals: [{ approvalType: 'qa', count: 1 }],
          approvalOrder: ['qa', 'security'],
        }),
      ],
      [
        ['security', 1, null, 1],
        ['uat', 1, null, null],
        ['qa', 1, 1, 0],
      ],
    ],
    [
      'places a later rule’s new types after those they follow, never looping',
      [
        { approvalType: 'qa', requiredCount: 1 },
        { approvalType: 'security', requiredCount: 1 },
        { approvalType: 'compliance', requiredCount: 1 },
      ],
      [
        rule(1, { approvalOrder: ['qa', 'security'] }),
        rule(2, { approvalOrder: ['security', 'qa', 'compliance'] }),
      ],
      [
        ['qa', 1, null, 0],
        ['security', 1, null, 1],
        ['compliance', 1, null, 2],
      ],
    ],
  ])('%s', (_, own, rules, expected) => {
    expect(
      plannedSlots(own as any, rules as any).map(s => [
        s.approvalType,
        s.requiredCount,
        s.fromRule?.id ?? null,
        s.orderRank,
      ]),
    ).toEqual(expected);
  });
});
