import { environmentConfigBodySchema } from './environmentConfigSchemas';
import { diffValue, diffVariables } from './variableDiff';

describe('diffValue', () => {
  it.each([
    ['5', '3', 'update'],
    ['5', null, 'add'],
    [null, '3', 'remove'],
    ['5', '5', 'no_change'],
    [null, null, 'no_change'],
  ] as const)('%p over %p: %s', (source, target, action) => {
    expect(diffValue(source, target)).toEqual({ source, target, action });
  });
});

describe('diffVariables', () => {
  it('lists every key of either side in order, with its action', () => {
    expect(
      diffVariables({ REPLICA_COUNT: '5', NEW: 'x', SAME: '1' }, { REPLICA_COUNT: '3', OLD: 'y', SAME: '1' }),
    ).toEqual({
      NEW: { source: 'x', target: null, action: 'add', conflict: false },
      OLD: { source: null, target: 'y', action: 'remove', conflict: false },
      REPLICA_COUNT: { source: '5', target: '3', action: 'update', conflict: false },
      SAME: { source: '1', target: '1', action: 'no_change', conflict: false },
    });
  });

  it('marks the keys the target changed since its last promotion from the source', () => {
    const diff = diffVariables({ A: '1', B: '2' }, { A: '1', B: '9', C: 'new' }, { A: '1', B: '2' });
    expect([diff.A.conflict, diff.B.conflict, diff.C.conflict]).toEqual([false, true, true]);
  });
});

describe('environmentConfigBodySchema', () => {
  const many = Object.fromEntries(Array.from({ length: 501 }, (_, i) => [`K${i}`, 'v']));
  it.each([
    ['more than 500 keys', { variables: many }, 'at most 500 variables, got 501'],
    ['a value over 4 KB', { variables: { BIG: 'x'.repeat(4097) } }, 'the value of BIG is over 4096 bytes'],
    ['a bad key', { variables: { 'no spaces': 'x' } }, 'a variable name starts with'],
    ['a number value', { variables: { N: 5 } }, 'Expected string'],
  ])('refuses %s', (_name, body, message) => {
    const result = environmentConfigBodySchema.safeParse(body);
    expect(result.success).toBe(false);
    expect(JSON.stringify(!result.success && result.error.issues)).toContain(message);
  });

  it('accepts 500 keys of 4 KB', () => {
    const ok = Object.fromEntries(Array.from({ length: 500 }, (_, i) => [`K${i}`, 'x'.repeat(4096)]));
    expect(environmentConfigBodySchema.safeParse({ version: '2.1.0', variables: ok }).success).toBe(true);
  });
});
