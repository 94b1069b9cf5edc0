import { RulesByRevision } from './RulesByRevision';

const rule = (id: number) => ({
  id,
  name: `rule ${id}`,
  match: { environments: ['production'], tiers: [], products: [] },
  requireApprovedRequest: true,
  requiredApprovals: [],
  approvalOrder: [],
});
const answer = (revision: string, ids: number[]) =>
  `${revision} ${JSON.stringify(ids.map(rule))}`;

describe('RulesByRevision', () => {
  it('binds nothing until it holds rules, then the revision it read last, per environment', () => {
    const held = new RulesByRevision();
    expect(held.revisionFor('production')).toBeNull();

    expect(
      held.rulesOf('production', answer('r1', [1, 2])).map(r => r.id),
    ).toEqual([1, 2]);
    expect(held.revisionFor('production')).toBe('r1');
    expect(held.revisionFor('staging')).toBeNull();
    // The revision alone: the rules held under it.
    expect(held.rulesOf('production', 'r1').map(r => r.id)).toEqual([1, 2]);

    held.rulesOf('production', answer('r2', [2]));
    expect(held.revisionFor('production')).toBe('r2');
    // A read bound before r2 arrived is still answered from what it was bound to.
    expect(held.rulesOf('production', 'r1').map(r => r.id)).toEqual([1, 2]);
  });

  it('keeps four revisions of an environment, and says so when asked for one it no longer holds', () => {
    const held = new RulesByRevision();
    for (const revision of ['r1', 'r2', 'r3', 'r4', 'r5']) {
      held.rulesOf('production', answer(revision, [1]));
    }
    expect(held.rulesOf('production', 'r2')).toHaveLength(1);
    expect(() => held.rulesOf('production', 'r1')).toThrow(
      'the deployment rules of production at revision r1 are no longer held',
    );
    expect(() => held.rulesOf('production', null)).toThrow('no revision row');
  });

  it('hands out rules no caller can change, since every event shares them', () => {
    const held = new RulesByRevision();
    const [first] = held.rulesOf('production', answer('r1', [1]));
    expect(() => {
      (first.match.environments as string[]).push('staging');
    }).toThrow(TypeError);
    expect(held.rulesOf('production', 'r1')[0].match.environments).toEqual([
      'production',
    ]);
  });

  it('holds the rules of at most 1,000 environments, letting the first read go first', () => {
    const held = new RulesByRevision();
    for (let i = 0; i <= 1_000; i++)
      held.rulesOf(`env-${i}`, answer('r1', [1]));
    expect(held.revisionFor('env-0')).toBeNull();
    expect(held.revisionFor('env-1')).toBe('r1');
    expect(held.revisionFor('env-1000')).toBe('r1');
  });
});
