/** Where a change to an environment's configuration came from. */
export const CONFIG_CHANGE_SOURCES = ['manual', 'deployment', 'promotion'] as const;
export type ConfigChangeSource = (typeof CONFIG_CHANGE_SOURCES)[number];

import { Workload } from '../systems/systems';

/** A product's configuration in one environment: the version live there and its variables. */
export interface EnvironmentConfig {
  product: string;
  environment: string;
  version: string | null;
  variables: Record<string, string>;
  /** Counts changes; 0 until the first one. */
  revision: number;
  /** When the version live there last changed (soak time counts from here). */
  versionSince: string | null;
  updatedAt: string | null;
  updatedBy: string | null;
  /**
   * Only for a System: each component's version there, keyed by component name (the
   * system itself has no version, only its variables).
   */
  workloads?: Record<string, Workload>;
}

/** One entry of an environment configuration's history: the configuration after a change. */
export interface EnvironmentConfigChange {
  id: number;
  product: string;
  environment: string;
  revision: number;
  version: string | null;
  variables: Record<string, string>;
  source: ConfigChangeSource;
  /** For promotions: the environment it came from. */
  promotedFrom: string | null;
  deploymentId: number | null;
  promotionId: number | null;
  changedBy: string | null;
  changedAt: string;
}

/** GET /products/:product/environments/config: every environment of the product. */
export interface ProductEnvironmentConfigs {
  product: string;
  environments: EnvironmentConfig[];
  /** Whether the caller may change them (the people who manage the pipeline). */
  canManage: boolean;
}
