import { InputError, NotAllowedError } from '@backstage/errors';
import {
  PromotionPipeline,
  PromotionPipelineContents,
  ProductSummary,
  pipelineProblems,
} from '@shipgate/plugin-deployments-common';
import { EnvironmentStore } from '../environments/EnvironmentStore';
import { ProductCatalog } from '../products/ProductCatalog';
import { PipelineStore } from './PipelineStore';
import { ProductCaller, mayManageProduct } from './ProductCallers';

export type PipelineCaller = ProductCaller;

/**
 * Promotion pipelines: reading for everyone, changing for admins, release managers (the
 * policy) and the product's owners (the catalog). A pipeline is saved whole and only when its
 * graph breaks no rule, so a refused save changes nothing.
 */
export class PipelineService {
  constructor(
    private readonly pipelines: PipelineStore,
    private readonly environments: EnvironmentStore,
    private readonly products: ProductCatalog,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async get(productName: string, caller: PipelineCaller): Promise<PromotionPipeline> {
    const product = await this.products.resolvePipelineProduct(productName, 'product');
    return this.present(product, caller);
  }

  async save(
    productName: string,
    contents: PromotionPipelineContents,
    caller: PipelineCaller,
  ): Promise<PromotionPipeline> {
    const product = await this.products.resolvePipelineProduct(productName, 'product');
    if (!mayManageProduct(product, caller)) {
      throw new NotAllowedError(
        `managing the pipeline of ${product.name} needs the role admin or release_manager, or owning the product`,
      );
    }
    const known = new Set((await this.environments.list()).map(e => e.name));
    const problems = pipelineProblems(contents, known);
    if (problems.length) throw new InputError(problems.join('; '));
    await this.pipelines.replace(
      product.entityRef,
      contents,
      caller.userRef,
      this.now().toISOString(),
    );
    return this.present(product, caller);
  }

  /** The product's transitions, for promotions (empty when there is no pipeline). */
  async contents(productRef: string): Promise<PromotionPipelineContents> {
    const stored = await this.pipelines.get(productRef);
    return stored ?? { stages: [], transitions: [] };
  }

  private async present(product: ProductSummary, caller: PipelineCaller): Promise<PromotionPipeline> {
    const stored = await this.pipelines.get(product.entityRef);
    return {
      product: product.entityRef,
      stages: stored?.stages ?? [],
      transitions: stored?.transitions ?? [],
      updatedAt: stored?.updatedAt ?? null,
      updatedBy: stored?.updatedBy ?? null,
      canManage: mayManageProduct(product, caller),
    };
  }
}
