import { isSystemRef } from '@shipgate/plugin-deployments-common';
import { Transaction } from '../database/transactions';
import { EnvironmentConfigStore } from '../environmentConfig/EnvironmentConfigStore';
import { emptyConfig } from '../environmentConfig/EnvironmentConfigService';
import { applySystemPromotion } from '../systems/applySystemPromotion';
import { PromotionExecution } from './PromotionApprovals';
import { PromotionRow } from './PromotionStore';

/**
 * Executes a promotion inside the transaction that approves it (or creates it, when it needs
 * no approval): the source's configuration over the target's. It needs only the
 * configuration store, so the approvals engine and the promotion service can both be given
 * it without either waiting for the other.
 */
export class PromotionExecutor implements PromotionExecution {
  constructor(
    private readonly configs: EnvironmentConfigStore,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async apply(tx: Transaction, promotion: PromotionRow): Promise<void> {
    const now = this.now().toISOString();
    if (isSystemRef(promotion.product)) {
      await applySystemPromotion(this.configs, tx, promotion, now);
      return;
    }
    const source =
      (await this.configs.get(promotion.product, promotion.source, tx)) ??
      emptyConfig(promotion.product, promotion.source);
    const target = await this.configs.get(promotion.product, promotion.target, tx);
    await this.configs.write(
      promotion.product,
      promotion.target,
      {
        version: source.version ?? target?.version ?? null,
        variables: source.variables,
        source: 'promotion',
        promotedFrom: promotion.source,
        promotionId: promotion.id,
        changedBy: promotion.requestedBy,
        now,
      },
      tx,
    );
  }
}
