import { Knex } from 'knex';
import { ProductSummary } from '@shipgate/plugin-deployments-common';

type ProductRow = {
  entity_ref: string;
  name: string;
  title: string | null;
  system: string | null;
  owner: string | null;
  in_catalog: boolean | number;
};

export function toProductSummary(row: ProductRow): ProductSummary {
  return {
    entityRef: row.entity_ref,
    name: row.name,
    title: row.title,
    system: row.system,
    owner: row.owner,
  };
}

/** The catalog's products as Shipgate last saw them. */
export interface ProductStore {
  get(entityRef: string): Promise<ProductSummary | undefined>;
  /** Writes these products as present in the catalog. */
  upsert(products: ProductSummary[]): Promise<void>;
  /** Marks every product not in `present` as gone from the catalog (history is kept). */
  markAbsentExcept(present: string[]): Promise<void>;
  count(): Promise<number>;
  listRefs(): Promise<string[]>;
  /** Refs of the products in the catalog owned by any of these entities (a user, their groups). */
  ownedBy(ownershipRefs: string[]): Promise<string[]>;
}

export class KnexProductStore implements ProductStore {
  constructor(private readonly knex: Knex) {}

  async get(entityRef: string): Promise<ProductSummary | undefined> {
    const row = await this.knex<ProductRow>('products')
      .where({ entity_ref: entityRef, in_catalog: true })
      .first();
    return row ? toProductSummary(row) : undefined;
  }

  async upsert(products: ProductSummary[]): Promise<void> {
    const now = new Date().toISOString();
    // Batches keep each statement under SQLite's bound-parameter limit.
    for (let i = 0; i < products.length; i += 200) {
      const rows = products.slice(i, i + 200).map(p => ({
        entity_ref: p.entityRef,
        name: p.name,
        title: p.title,
        system: p.system,
        owner: p.owner,
        in_catalog: true,
        refreshed_at: now,
      }));
      await this.knex('products')
        .insert(rows)
        .onConflict('entity_ref')
        .merge(['name', 'title', 'system', 'owner', 'in_catalog', 'refreshed_at']);
    }
  }

  async markAbsentExcept(present: string[]): Promise<void> {
    const presentSet = new Set(present);
    const absent = (await this.listRefs()).filter(ref => !presentSet.has(ref));
    for (let i = 0; i < absent.length; i += 500) {
      await this.knex('products')
        .whereIn('entity_ref', absent.slice(i, i + 500))
        .update({ in_catalog: false });
    }
  }

  async count(): Promise<number> {
    const [{ count }] = await this.knex('products').where({ in_catalog: true }).count({ count: '*' });
    return Number(count);
  }

  async listRefs(): Promise<string[]> {
    const rows = await this.knex('products').where({ in_catalog: true }).select('entity_ref');
    return rows.map(r => r.entity_ref);
  }

  async ownedBy(ownershipRefs: string[]): Promise<string[]> {
    if (!ownershipRefs.length) return [];
    const rows = await this.knex('products')
      .where({ in_catalog: true })
      .whereIn('owner', ownershipRefs.map(r => r.toLowerCase()))
      .select('entity_ref');
    return rows.map(r => r.entity_ref);
  }
}
