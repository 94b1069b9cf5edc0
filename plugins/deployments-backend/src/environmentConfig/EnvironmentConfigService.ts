import { InputError, NotAllowedError } from '@backstage/errors';
import {
  EnvironmentConfig,
  EnvironmentConfigChange,
  Page,
  ProductEnvironmentConfigs,
  environmentConfigBodySchema,
} from '@shipgate/plugin-deployments-common';
import { z } from 'zod';
import { requireEnvironment } from '../environments/environmentChecks';
import { EnvironmentStore } from '../environments/EnvironmentStore';
import { ProductCaller, mayManageProduct } from '../pipelines/ProductCallers';
import { ProductCatalog } from '../products/ProductCatalog';
import { SystemWorkloads, fillWorkloads } from '../systems/SystemWorkloads';
import { EnvironmentConfigStore, VersionMove } from './EnvironmentConfigStore';

type ConfigBody = z.output<typeof environmentConfigBodySchema>;

/** The configuration of an environment nothing was written to yet. */
export function emptyConfig(product: string, environment: string): EnvironmentConfig {
  return {
    product,
    environment,
    version: null,
    variables: {},
    revision: 0,
    versionSince: null,
    updatedAt: null,
    updatedBy: null,
  };
}

/**
 * Environment configuration per product: the version live in each environment and its
 * variables. People who manage the product's pipeline edit it; a successful deployment
 * record moves the version; a promotion copies one environment's over another's.
 */
export class EnvironmentConfigService {
  private readonly workloads: SystemWorkloads;

  constructor(
    private readonly configs: EnvironmentConfigStore,
    private readonly environments: EnvironmentStore,
    private readonly products: ProductCatalog,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.workloads = new SystemWorkloads(configs);
  }

  async listForProduct(productName: string, caller: ProductCaller): Promise<ProductEnvironmentConfigs> {
    const product = await this.products.resolvePipelineProduct(productName, 'product');
    const [environments, configs, workloads] = await Promise.all([
      this.environments.list(),
      this.configs.listForProduct(product.entityRef),
      product.components ? this.workloads.byEnvironment(product.components) : undefined,
    ]);
    const byEnvironment = new Map(configs.map(c => [c.environment, c]));
    return {
      product: product.entityRef,
      environments: environments.map(e => {
        const config = byEnvironment.get(e.name) ?? emptyConfig(product.entityRef, e.name);
        if (!product.components) return config;
        return { ...config, workloads: fillWorkloads(product.components, workloads?.get(e.name)) };
      }),
      canManage: mayManageProduct(product, caller),
    };
  }

  /** A System's configuration also holds its workloads: each component's version there. */
  async get(productName: string, environment: string): Promise<EnvironmentConfig> {
    const product = await this.products.resolvePipelineProduct(productName, 'product');
    await requireEnvironment(this.environments, environment, 'environment');
    const config =
      (await this.configs.get(product.entityRef, environment)) ??
      emptyConfig(product.entityRef, environment);
    if (!product.components) return config;
    return { ...config, workloads: await this.workloads.in(product.components, environment) };
  }

  async put(
    productName: string,
    environment: string,
    body: ConfigBody,
    caller: ProductCaller,
  ): Promise<EnvironmentConfig> {
    const product = await this.products.resolvePipelineProduct(productName, 'product');
    await requireEnvironment(this.environments, environment, 'environment');
    if (product.components && body.version) {
      throw new InputError(
        `version: ${product.name} is a System and has no version of its own; its components' versions are its workloads`,
      );
    }
    if (!mayManageProduct(product, caller)) {
      throw new NotAllowedError(
        `changing the configuration of ${product.name} needs the role admin or release_manager, or owning the product`,
      );
    }
    const current = await this.configs.get(product.entityRef, environment);
    const written = await this.configs.write(product.entityRef, environment, {
      // Without a version in the body, the version live there stays.
      version: body.version === undefined ? current?.version ?? null : body.version,
      variables: body.variables,
      source: 'manual',
      changedBy: caller.userRef,
      now: this.now().toISOString(),
    });
    if (!product.components) return written;
    return { ...written, workloads: await this.workloads.in(product.components, environment) };
  }

  async history(
    productName: string,
    environment: string,
    page: number,
    perPage: number,
  ): Promise<Page<EnvironmentConfigChange>> {
    const product = await this.products.resolvePipelineProduct(productName, 'product');
    await requireEnvironment(this.environments, environment, 'environment');
    const { items, total } = await this.configs.history(
      product.entityRef,
      environment,
      (page - 1) * perPage,
      perPage,
    );
    return { items, total, page, perPage, nextPage: page * perPage < total ? page + 1 : null };
  }

  /** How a successful deployment record moves the version live in its environment. */
  get versionMove(): VersionMove {
    return this.configs.versionMove;
  }
}
