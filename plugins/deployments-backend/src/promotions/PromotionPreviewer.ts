import { InputError } from '@backstage/errors';
import {
  PromotionConflict,
  PromotionPreview,
  WorkloadDiff,
  diffValue,
  diffVariables,
} from '@shipgate/plugin-deployments-common';
import { EnvironmentConfigStore } from '../environmentConfig/EnvironmentConfigStore';
import { emptyConfig } from '../environmentConfig/EnvironmentConfigService';
import { requireEnvironment } from '../environments/environmentChecks';
import { EnvironmentStore } from '../environments/EnvironmentStore';
import { PipelineService } from '../pipelines/PipelineService';
import { ProductCatalog } from '../products/ProductCatalog';
import { Transaction } from '../database/transactions';
import { PipelineProduct } from '../systems/SystemCatalog';
import { SystemWorkloads } from '../systems/SystemWorkloads';
import { diffWorkloads, latestVersionSince, workloadConflicts } from '../systems/workloadDiff';

/**
 * What promoting one environment's configuration over another's changes: the version (per
 * workload), the variables, conflicts, and how long the source still has to soak.
 */
export class PromotionPreviewer {
  private readonly workloads: SystemWorkloads;

  constructor(
    private readonly configs: EnvironmentConfigStore,
    private readonly environments: EnvironmentStore,
    private readonly pipelines: PipelineService,
    private readonly products: ProductCatalog,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.workloads = new SystemWorkloads(configs);
  }

  async preview(productName: string, source: string, target: string): Promise<PromotionPreview> {
    const product = await this.products.resolvePipelineProduct(productName, 'product');
    return this.previewFor(product, source, target);
  }

  /** The preview of a known product; inside a transaction when one is given. */
  async previewFor(
    product: PipelineProduct,
    source: string,
    target: string,
    tx?: Transaction,
  ): Promise<PromotionPreview> {
    await requireEnvironment(this.environments, source, 'source');
    await requireEnvironment(this.environments, target, 'target');
    const pipeline = await this.pipelines.contents(product.entityRef);
    const transition = pipeline.transitions.find(t => t.from === source && t.to === target);
    if (!transition) throw new InputError('invalid stage transition');

    // One after the other: inside a transaction SQLite has one connection.
    const from = (await this.configs.get(product.entityRef, source, tx)) ?? emptyConfig(product.entityRef, source);
    const to = (await this.configs.get(product.entityRef, target, tx)) ?? emptyConfig(product.entityRef, target);
    const last = await this.configs.lastPromotion(product.entityRef, target, source, tx);

    // A System promotes each component's version; a Component its own.
    let workloads: Record<string, WorkloadDiff>;
    let versionSince = from.versionSince;
    const conflicts: PromotionConflict[] = [];
    if (product.components) {
      const sourceWorkloads = await this.workloads.in(product.components, source, tx);
      const targetWorkloads = await this.workloads.in(product.components, target, tx);
      workloads = diffWorkloads(sourceWorkloads, targetWorkloads);
      versionSince = latestVersionSince(sourceWorkloads);
      if (last) conflicts.push(...workloadConflicts(targetWorkloads, last.changedAt, { source, target }));
    } else {
      // Without a version in the source, the target keeps its own.
      const version =
        from.version === null
          ? { source: null, target: to.version, action: 'no_change' as const }
          : diffValue(from.version, to.version);
      workloads = { [product.name]: { version } };
    }
    const variables = diffVariables(from.variables, to.variables, last?.variables);
    if (last && to.revision > last.revision) {
      conflicts.unshift({
        kind: 'target_changed_since_promotion',
        message: `${target} changed since its last promotion from ${source} (revision ${last.revision} → ${to.revision})`,
      });
    }
    const variableChanges = Object.values(variables).filter(v => v.action !== 'no_change').length;
    const workloadChanges = Object.values(workloads).filter(w => w.version.action !== 'no_change').length;

    const now = this.now();
    const required = transition.soakMinutes ?? 0;
    const elapsed = versionSince
      ? Math.floor((now.getTime() - new Date(versionSince).getTime()) / 60_000)
      : null;
    const remaining = required === 0 ? 0 : Math.max(0, required - (elapsed ?? 0));
    return {
      product: product.entityRef,
      source,
      target,
      requiredApprovals: transition.requiredApprovals,
      workloads,
      variables,
      conflicts,
      changes: {
        workloads: workloadChanges,
        variables: variableChanges,
        bindings: 0,
        total: workloadChanges + variableChanges,
      },
      soak: {
        requiredMinutes: required,
        elapsedMinutes: elapsed,
        remainingMinutes: remaining,
        satisfied: remaining === 0,
      },
      at: now.toISOString(),
    };
  }
}
