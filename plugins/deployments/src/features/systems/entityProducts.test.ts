import { entityProductsOf } from './entityProducts';

describe('entityProductsOf', () => {
  it('takes a Component for the one product it is', () => {
    expect(
      entityProductsOf({
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: { name: 'Payment-API', namespace: 'default' },
      }),
    ).toEqual({
      ref: 'component:default/payment-api',
      isSystem: false,
      components: ['component:default/payment-api'],
      noun: 'product',
    });
  });

  it('takes a System for its components, once each, in name order, and nothing else it has', () => {
    expect(
      entityProductsOf({
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'System',
        metadata: { name: 'payments', namespace: 'default' },
        relations: [
          { type: 'hasPart', targetRef: 'component:default/payment-api' },
          { type: 'hasPart', targetRef: 'component:default/Ledger-Service' },
          { type: 'hasPart', targetRef: 'component:default/payment-api' },
          { type: 'hasPart', targetRef: 'api:default/payments-api' },
          { type: 'ownedBy', targetRef: 'group:default/team-payments' },
        ],
      }),
    ).toEqual({
      ref: 'system:default/payments',
      isSystem: true,
      components: ['component:default/ledger-service', 'component:default/payment-api'],
      noun: 'system',
    });
  });
});
