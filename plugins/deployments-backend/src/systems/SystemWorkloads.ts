import { Workload, productNameOf } from '@shipgate/plugin-deployments-common';
import { Transaction } from '../database/transactions';
import { EnvironmentConfigStore } from '../environmentConfig/EnvironmentConfigStore';

/**
 * A System's workloads in an environment: each component's version there, read from that
 * component's own environment configuration (which successful deployments keep current).
 */
export class SystemWorkloads {
  constructor(private readonly configs: EnvironmentConfigStore) {}

  /** Keyed by component name, in name order; inside a transaction when one is given. */
  async in(components: string[], environment: string, tx?: Transaction): Promise<Record<string, Workload>> {
    const workloads: Record<string, Workload> = {};
    // One after the other: inside a transaction SQLite has one connection.
    for (const product of components) {
      const config = await this.configs.get(product, environment, tx);
      workloads[productNameOf(product)] = {
        product,
        version: config?.version ?? null,
        versionSince: config?.versionSince ?? null,
      };
    }
    return workloads;
  }

  /** Every environment's workloads at once: environment → component name → workload. */
  async byEnvironment(components: string[]): Promise<Map<string, Record<string, Workload>>> {
    const result = new Map<string, Record<string, Workload>>();
    const configs = await Promise.all(components.map(c => this.configs.listForProduct(c)));
    components.forEach((product, index) => {
      for (const config of configs[index]) {
        const workloads = result.get(config.environment) ?? {};
        workloads[productNameOf(product)] = {
          product,
          version: config.version,
          versionSince: config.versionSince,
        };
        result.set(config.environment, workloads);
      }
    });
    return result;
  }
}

/** A component with no configuration in an environment runs nothing there. */
export function fillWorkloads(components: string[], found: Record<string, Workload> = {}) {
  const workloads: Record<string, Workload> = {};
  for (const product of components) {
    workloads[productNameOf(product)] = found[productNameOf(product)] ?? {
      product,
      version: null,
      versionSince: null,
    };
  }
  return workloads;
}
