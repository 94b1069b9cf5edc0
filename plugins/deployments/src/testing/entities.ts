import { Entity } from '@backstage/catalog-model';

/** The Payments System of the example catalog, with two of its components as parts. */
export const paymentsSystem: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'System',
  metadata: { name: 'payments', namespace: 'default' },
  relations: [
    { type: 'hasPart', targetRef: 'component:default/payment-api' },
    { type: 'hasPart', targetRef: 'component:default/ledger-service' },
  ],
};
