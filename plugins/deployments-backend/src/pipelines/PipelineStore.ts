import { Knex } from 'knex';
import { PromotionPipelineContents } from '@shipgate/plugin-deployments-common';
import { toIsoString } from '../database/timestamps';

/** A saved pipeline: its graph and who saved it when. */
export interface StoredPipeline extends PromotionPipelineContents {
  updatedAt: string;
  updatedBy: string;
}

/** Promotion pipelines, one per product. */
export interface PipelineStore {
  get(product: string): Promise<StoredPipeline | undefined>;
  /** Replaces the product's pipeline as a whole, in one transaction. */
  replace(
    product: string,
    pipeline: PromotionPipelineContents,
    updatedBy: string,
    now: string,
  ): Promise<void>;
}

export class KnexPipelineStore implements PipelineStore {
  constructor(private readonly knex: Knex) {}

  async get(product: string): Promise<StoredPipeline | undefined> {
    const [head, stages, transitions] = await Promise.all([
      this.knex('promotion_pipelines').where({ product }).first(),
      this.knex('promotion_stages').where({ product }).orderBy('position'),
      this.knex('promotion_transitions').where({ product }).orderBy('position'),
    ]);
    if (!head) return undefined;
    return {
      updatedAt: toIsoString(head.updated_at),
      updatedBy: head.updated_by,
      stages: stages.map(s => ({
        environment: s.environment,
        ...(s.x === null || s.y === null ? {} : { position: { x: Number(s.x), y: Number(s.y) } }),
      })),
      transitions: transitions.map(t => ({
        from: t.from_environment,
        to: t.to_environment,
        requiredApprovals: Number(t.required_approvals),
        soakMinutes: Number(t.soak_minutes),
      })),
    };
  }

  async replace(
    product: string,
    pipeline: PromotionPipelineContents,
    updatedBy: string,
    now: string,
  ): Promise<void> {
    await this.knex.transaction(async tx => {
      await tx('promotion_pipelines')
        .insert({ product, updated_by: updatedBy, updated_at: now })
        .onConflict('product')
        .merge(['updated_by', 'updated_at']);
      await tx('promotion_transitions').where({ product }).delete();
      await tx('promotion_stages').where({ product }).delete();
      if (pipeline.stages.length) {
        await tx('promotion_stages').insert(
          pipeline.stages.map((s, position) => ({
            product,
            environment: s.environment,
            position,
            x: s.position?.x ?? null,
            y: s.position?.y ?? null,
          })),
        );
      }
      // Batches keep each statement under SQLite's bound-parameter limit.
      for (let i = 0; i < pipeline.transitions.length; i += 100) {
        await tx('promotion_transitions').insert(
          pipeline.transitions.slice(i, i + 100).map((t, offset) => ({
            product,
            from_environment: t.from,
            to_environment: t.to,
            position: i + offset,
            required_approvals: t.requiredApprovals,
            soak_minutes: t.soakMinutes ?? 0,
          })),
        );
      }
    });
  }
}
