import {
  ProductEnvironmentConfigs,
  Workload,
} from '@shipgate/plugin-deployments-common';

/** A System's workloads per environment; undefined for a Component (its configs have none). */
export function workloadsByEnvironment(
  configs: ProductEnvironmentConfigs | undefined,
): Record<string, Record<string, Workload>> | undefined {
  const withWorkloads = (configs?.environments ?? []).filter(c => c.workloads);
  if (!withWorkloads.length) return undefined;
  return Object.fromEntries(
    withWorkloads.map(c => [c.environment, c.workloads!]),
  );
}
