import { toProductRef } from '../productRef';
import { isSystemRef } from './systems';

describe('isSystemRef', () => {
  it.each([
    ['system:default/payments', true],
    ['System:default/Payments', true],
    ['component:default/payment-api', false],
    ['payment-api', false],
    ['', false],
  ])('%p → %p', (ref, expected) => {
    expect(isSystemRef(ref)).toBe(expected);
  });

  it('reads a system named as people write it, once resolved', () => {
    expect(isSystemRef(toProductRef('system:payments')!)).toBe(true);
    expect(isSystemRef(toProductRef('payments')!)).toBe(false);
  });
});
