import { recordDeploymentBodySchema } from '@shipgate/plugin-deployments-common';
import { DeploymentService } from '../deployments/DeploymentService';
import { EnvironmentConfigStore } from '../environmentConfig/EnvironmentConfigStore';
import { PromotionRow } from '../promotions/PromotionStore';

/** What releasing a promotion came to. */
export interface ReleaseOutcome {
  status: 'completed' | 'pending_release';
  /** The first deployment recorded for it (each one also names the promotion). */
  deploymentId?: number;
}

/**
 * Releasing a System's promotion: all its components together. After the commit that
 * executed it (applySystemPromotion), one deployment is recorded per component that changed,
 * read back from the configuration history by promotion id, so "Deploy now" later releases
 * the same set.
 */
export class SystemPromotions {
  constructor(
    private readonly configs: EnvironmentConfigStore,
    private readonly deployments: DeploymentService,
  ) {}

  /**
   * Records one deployment per component the promotion changed: successful at once when
   * `deploy`, else created and waiting for "Deploy now". Completed when every one succeeded.
   */
  async release(row: PromotionRow, by: string, deploy: boolean, deployNow: boolean): Promise<ReleaseOutcome> {
    const changes = (await this.configs.changesOfPromotion(row.id)).filter(
      c => c.product !== row.product && c.environment === row.target && c.version !== null,
    );
    let deploymentId: number | undefined;
    let allDeployed = true;
    for (const change of changes) {
      // A "Deploy now" tried again after a refusal deploys only what is not deployed yet.
      const done = await this.deployedBy(row, change.product, change.version!);
      if (done !== undefined) {
        deploymentId ??= done;
        continue;
      }
      try {
        const outcome = await this.deployments.record(
          recordDeploymentBodySchema.parse({
            product: change.product,
            version: change.version,
            environment: row.target,
            status: deploy ? 'success' : 'created',
            extra_metadata: { promotion_id: row.id, promoted_from: row.source, system: row.product },
          }),
          { deployedBy: by, recordedBy: by },
        );
        deploymentId ??= outcome.deployment.id;
        if (outcome.deployment.status !== 'success') allDeployed = false;
      } catch (error) {
        // Asked for explicitly, the gate's refusal (423 frozen, 409) is the answer.
        if (deployNow) throw error;
        allDeployed = false;
      }
    }
    return { status: allDeployed ? 'completed' : 'pending_release', deploymentId };
  }

  /** The id of this promotion's successful deployment of the component, if it is the newest. */
  private async deployedBy(row: PromotionRow, product: string, version: string): Promise<number | undefined> {
    const { items } = await this.deployments.list({
      product,
      environment: row.target,
      status: 'success',
      order_by: 'id',
      sort: 'desc',
      per_page: 1,
    });
    const newest = items[0];
    const linked = newest?.version === version && newest.extra_metadata?.promotion_id === row.id;
    return linked ? newest.id : undefined;
  }
}
