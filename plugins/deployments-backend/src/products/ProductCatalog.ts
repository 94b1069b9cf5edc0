import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  Entity,
  RELATION_OWNED_BY,
  RELATION_PART_OF,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { ProductSummary, isSystemRef, toProductRef } from '@shipgate/plugin-deployments-common';
import { PipelineProduct, SystemCatalog } from '../systems/SystemCatalog';
import { ProductStore } from './ProductStore';

const PRODUCT_FIELDS = ['kind', 'metadata.name', 'metadata.namespace', 'metadata.title', 'relations'];

function toSummary(entity: Entity): ProductSummary {
  const target = (type: string, kind?: string) =>
    entity.relations?.find(
      r => r.type === type && (!kind || parseEntityRef(r.targetRef).kind === kind),
    )?.targetRef ?? null;
  return {
    entityRef: stringifyEntityRef(entity).toLowerCase(),
    name: entity.metadata.name,
    title: entity.metadata.title ?? null,
    system: target(RELATION_PART_OF, 'system'),
    owner: target(RELATION_OWNED_BY),
  };
}

/**
 * Products are catalog Components. Shipgate keeps a copy (name, title, system, owner) so its
 * queries can filter by them; the copy is refreshed on a schedule and on a miss.
 */
export class ProductCatalog {
  private readonly systems: SystemCatalog;

  constructor(
    private readonly catalog: CatalogService,
    private readonly auth: AuthService,
    private readonly products: ProductStore,
    private readonly logger: LoggerService,
  ) {
    this.systems = new SystemCatalog(catalog, auth);
  }

  /** The entity ref a filter names (no catalog look-up: history outlives catalog entries). */
  refOf(value: string, field: string): string {
    const ref = toProductRef(value);
    if (!ref || parseEntityRef(ref).kind !== 'component') {
      throw new InputError(`${field}: '${value}' is not a component name or component entity ref`);
    }
    return ref;
  }

  /**
   * The products a list filter names (GET /deployments, /requests, /tasks): a Component, or
   * a System, which stands for its components and itself (its pipeline's promotions). A
   * component needs no catalog look-up (history outlives catalog entries); a system is asked
   * of the catalog, as a pipeline's is (400 naming the field when there is none).
   */
  async filterRefs(value: string, field: string): Promise<string[]> {
    const ref = toProductRef(value);
    if (ref && isSystemRef(ref)) {
      const system = await this.systems.resolve(ref, value, field);
      return [system.entityRef, ...(system.components ?? [])];
    }
    return [this.refOf(value, field)];
  }

  /**
   * The product a person or CI named (short name or entity ref), or a 400 naming the field
   * when the catalog has no such Component.
   */
  async resolve(value: string, field = 'product_name'): Promise<ProductSummary> {
    const ref = this.refOf(value, field);
    const known = await this.products.get(ref);
    if (known) return known;

    const entity = await this.catalog.getEntityByRef(ref, {
      credentials: await this.auth.getOwnServiceCredentials(),
    });
    if (!entity) {
      throw new InputError(`${field}: unknown product '${value}' — no Component ${ref} in the catalog`);
    }
    const summary = toSummary(entity);
    await this.products.upsert([summary]);
    return summary;
  }

  /**
   * The product a pipeline, environment configuration or promotion names: a Component as
   * {@link resolve} finds it, or a System (`system:default/payments`) with its components.
   */
  async resolvePipelineProduct(value: string, field = 'product'): Promise<PipelineProduct> {
    const ref = toProductRef(value);
    if (ref && isSystemRef(ref)) return this.systems.resolve(ref, value, field);
    return this.resolve(value, field);
  }

  /**
   * The products these entities (a user and their groups) own: Components as the last
   * refresh saw them, and Systems as the catalog says now.
   */
  async ownedBy(ownershipRefs: string[]): Promise<string[]> {
    const [components, systems] = await Promise.all([
      this.products.ownedBy(ownershipRefs),
      this.systems.ownedBy(ownershipRefs),
    ]);
    return [...components, ...systems];
  }

  /** Mirrors every catalog Component; products gone from the catalog keep their history. */
  async refresh(): Promise<number> {
    const credentials = await this.auth.getOwnServiceCredentials();
    const summaries: ProductSummary[] = [];
    let cursor: string | undefined;
    do {
      const response = await this.catalog.queryEntities(
        cursor
          ? { cursor, limit: 500, fields: PRODUCT_FIELDS }
          : { filter: { kind: 'component' }, limit: 500, fields: PRODUCT_FIELDS },
        { credentials },
      );
      summaries.push(...response.items.map(toSummary));
      cursor = response.pageInfo.nextCursor;
    } while (cursor);
    await this.products.upsert(summaries);
    await this.products.markAbsentExcept(summaries.map(s => s.entityRef));
    this.logger.debug(`Refreshed ${summaries.length} products from the catalog`);
    return summaries.length;
  }
}
