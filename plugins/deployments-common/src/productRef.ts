import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';

/**
 * Reads a product as given by a person or CI: a short name (`payment-api`) means
 * `component:default/payment-api`; a full or partial entity ref is taken as written.
 * Returns undefined when it is not a valid ref.
 */
export function toProductRef(value: string): string | undefined {
  try {
    return stringifyEntityRef(
      parseEntityRef(value.trim(), { defaultKind: 'component', defaultNamespace: 'default' }),
    ).toLowerCase();
  } catch {
    return undefined;
  }
}

/** `component:default/payment-api` → `payment-api`. */
export function productNameOf(entityRef: string): string {
  return parseEntityRef(entityRef).name;
}
