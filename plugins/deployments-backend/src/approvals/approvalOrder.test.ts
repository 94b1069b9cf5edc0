import { mustComeFirst } from './approvalOrder';

const s = (id: number, orderRank: number | null, state = 'open') => ({ id, orderRank, state });

describe('mustComeFirst', () => {
  it.each([
    ['an unranked subject waits for nothing', [s(1, 0), s(2, null)], s(2, null), undefined],
    ['the first of an order waits for nothing', [s(1, 0), s(2, 1)], s(1, 0), undefined],
    ['a later one waits for the open earlier one', [s(1, 0), s(2, 1)], s(2, 1), 1],
    ['not once the earlier one is approved', [s(1, 0, 'approved'), s(2, 1)], s(2, 1), undefined],
    ['a rejected earlier one still holds it', [s(1, 0, 'rejected'), s(2, 1)], s(2, 1), 1],
    ['the lowest open rank is named', [s(3, 1), s(1, 0), s(2, 2)], s(2, 2), 1],
    ['the same rank does not wait', [s(1, 1), s(2, 1)], s(2, 1), undefined],
  ])('%s', (_, siblings, subject, expected) => {
    expect(mustComeFirst(siblings, subject)?.id).toBe(expected);
  });
});
