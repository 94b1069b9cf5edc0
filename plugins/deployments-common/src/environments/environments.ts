import { BreakGlassSession } from '../breakGlass/breakGlass';
import { ActiveFreeze, EnvironmentFreeze } from '../freezes/freezes';
import { EnvironmentProtection } from '../protection/protection';

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
  /** GitLab-style protection: approval rules every deployment waits for (null: none). */
  protection?: EnvironmentProtection | null;
}

/**
 * An environment with what governs it now: GET /environments. `frozen` is true while a
 * freeze is active (`frozenBy` says which, and until when).
 */
export interface EnvironmentOverview extends Environment {
  frozen: boolean;
  /** The active freeze that ends last, while frozen. */
  frozenBy: ActiveFreeze | null;
  /** Every freeze of this environment, one-off and recurring, including "stop the line". */
  freezes: EnvironmentFreeze[];
  /** The open break-glass session, if any: while open, freezes do not refuse deployments. */
  breakGlass: BreakGlassSession | null;
}
