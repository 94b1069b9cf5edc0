import {
  Entity,
  RELATION_HAS_PART,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';

/** What a Shipgate tab on an entity page is about. */
export interface EntityProducts {
  /** The entity's ref: the lists' `product` filter (a system stands for its components). */
  ref: string;
  isSystem: boolean;
  /** The products themselves: the Component, or the System's components (`hasPart`). */
  components: string[];
  /** "product" or "system", for the tab's texts. */
  noun: 'product' | 'system';
}

/** A Component is a product; a System is the products it has as parts. */
export function entityProductsOf(entity: Entity): EntityProducts {
  const ref = stringifyEntityRef(entity).toLowerCase();
  const isSystem = entity.kind.toLowerCase() === 'system';
  const components = isSystem
    ? [
        ...new Set(
          (entity.relations ?? [])
            .filter(
              r =>
                r.type === RELATION_HAS_PART &&
                parseEntityRef(r.targetRef).kind === 'component',
            )
            .map(r => r.targetRef.toLowerCase()),
        ),
      ].sort()
    : [ref];
  return { ref, isSystem, components, noun: isSystem ? 'system' : 'product' };
}
