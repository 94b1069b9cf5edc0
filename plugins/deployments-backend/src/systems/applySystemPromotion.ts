import { Transaction } from '../database/transactions';
import { EnvironmentConfigStore } from '../environmentConfig/EnvironmentConfigStore';
import { emptyConfig } from '../environmentConfig/EnvironmentConfigService';
import { PromotionRow } from '../promotions/PromotionStore';

/**
 * A System's promotion, inside the deciding transaction: the system's variables are copied
 * and every component whose version differs gets the source's version (its own variables
 * stay). The release after the commit is SystemPromotions'.
 */
export async function applySystemPromotion(
  configs: EnvironmentConfigStore,
  tx: Transaction,
  promotion: PromotionRow,
  now: string,
): Promise<void> {
  const { product: system, source, target, id, requestedBy } = promotion;
  const from = (await configs.get(system, source, tx)) ?? emptyConfig(system, source);
  const change = {
    source: 'promotion' as const,
    promotedFrom: source,
    promotionId: id,
    changedBy: requestedBy,
    now,
  };
  await configs.write(system, target, { ...change, version: null, variables: from.variables }, tx);
  // The components of the request (kept in its preview), not of the catalog now: approvers
  // approved that set, and no catalog call runs inside the transaction.
  for (const workload of Object.values(promotion.preview.workloads)) {
    if (!workload.product) continue;
    const version = (await configs.get(workload.product, source, tx))?.version ?? null;
    const current = await configs.get(workload.product, target, tx);
    if (version === null || current?.version === version) continue;
    await configs.write(
      workload.product,
      target,
      { ...change, version, variables: current?.variables ?? {} },
      tx,
    );
  }
}
