import { AuthService } from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  Entity,
  RELATION_HAS_PART,
  RELATION_OWNED_BY,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { ProductSummary } from '@shipgate/plugin-deployments-common';

/** A product a pipeline belongs to: a Component, or a System with its components. */
export interface PipelineProduct extends ProductSummary {
  /** Only for a System: its components' entity refs, in name order. */
  components?: string[];
}

function toSystem(entity: Entity): PipelineProduct {
  const refsOf = (type: string, kind?: string) =>
    (entity.relations ?? [])
      .filter(r => r.type === type && (!kind || parseEntityRef(r.targetRef).kind === kind))
      .map(r => r.targetRef.toLowerCase());
  return {
    entityRef: stringifyEntityRef(entity).toLowerCase(),
    name: entity.metadata.name,
    title: entity.metadata.title ?? null,
    system: null,
    owner: refsOf(RELATION_OWNED_BY)[0] ?? null,
    components: [...new Set(refsOf(RELATION_HAS_PART, 'component'))].sort(),
  };
}

/**
 * System products, read from the catalog on every call (the System's `hasPart` relations
 * name its components, `ownedBy` its owner). No cache: two replicas never disagree on which
 * components a system promotes or who owns it, for the price of one catalog call per request
 * that names a system. A promotion keeps the components of its request in its preview, so
 * executing it needs no catalog call inside the deciding transaction.
 */
export class SystemCatalog {
  constructor(
    private readonly catalog: CatalogService,
    private readonly auth: AuthService,
  ) {}

  /** The System `ref` names, or a 400 naming the field when the catalog has none. */
  async resolve(ref: string, value: string, field: string): Promise<PipelineProduct> {
    const entity = await this.catalog.getEntityByRef(ref, {
      credentials: await this.auth.getOwnServiceCredentials(),
    });
    if (!entity) {
      throw new InputError(`${field}: unknown product '${value}' — no System ${ref} in the catalog`);
    }
    return toSystem(entity);
  }

  /** Refs of the Systems any of these entities (a user, their groups) own. */
  async ownedBy(ownershipRefs: string[]): Promise<string[]> {
    if (!ownershipRefs.length) return [];
    const { items } = await this.catalog.getEntities(
      {
        filter: { kind: 'system', 'relations.ownedBy': ownershipRefs },
        fields: ['kind', 'metadata.name', 'metadata.namespace'],
      },
      { credentials: await this.auth.getOwnServiceCredentials() },
    );
    return items.map(e => stringifyEntityRef(e).toLowerCase());
  }
}
