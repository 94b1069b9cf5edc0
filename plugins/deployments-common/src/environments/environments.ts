export const ENVIRONMENT_TIERS = [
  'development',
  'testing',
  'staging',
  'production',
  'other',
] as const;
export type EnvironmentTier = (typeof ENVIRONMENT_TIERS)[number];

export const DEPLOY_POLICIES = ['direct', 'manual'] as const;
export type DeployPolicy = (typeof DEPLOY_POLICIES)[number];

/** An environment as the API returns it. */
export interface Environment {
  name: string;
  title: string;
  tier: EnvironmentTier;
  order: number;
  deployPolicy: DeployPolicy;
  /** Approvals a deployment needs before it runs (0 = none). */
  requiredApprovals: number;
  /** Whether the person who triggered a deployment may approve it. */
  allowSelfApproval: boolean;
}
