import { parseEntityRef } from '@backstage/catalog-model';

/**
 * One component of a System product in one environment (the seed's workloads): the version
 * live there, as that component's own environment configuration says.
 */
export interface Workload {
  /** The component's entity ref. */
  product: string;
  version: string | null;
  /** When that version became the live one. */
  versionSince: string | null;
}

/** Whether a product ref names a System (a product made of several components). */
export function isSystemRef(entityRef: string): boolean {
  try {
    return parseEntityRef(entityRef).kind.toLowerCase() === 'system';
  } catch {
    return false;
  }
}
