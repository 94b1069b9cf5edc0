import { DeploymentStatus } from '../deployments/statuses';

/**
 * A break-glass session: for `minutes` from its opening (or until closed early), an
 * environment's freeze does not refuse deployments; each deployment recorded meanwhile
 * carries the session's id (`break_glass_id`). Other gates still apply.
 */
export interface BreakGlassSession {
  id: number;
  environment: string;
  reason: string;
  openedBy: string;
  openedAt: string;
  /** When it closes by itself. */
  expiresAt: string;
  /** When someone closed it early, and who. */
  closedAt: string | null;
  closedBy: string | null;
  /** Whether it is open now. */
  open: boolean;
  /** When it ended or ends: closed early, or expired. */
  endsAt: string;
  /** How long it lasted (so far, while open), in minutes. */
  durationMinutes: number;
}

/** A deployment recorded under a break-glass session, as the report lists it. */
export interface BreakGlassDeployment {
  id: number;
  product: string;
  product_name: string;
  version: string;
  status: DeploymentStatus;
  deployed_by: string | null;
  created_at: string;
}

/** One session of GET /break-glass: who, why, when, how long, and what went through. */
export interface BreakGlassReportEntry extends BreakGlassSession {
  deployments: BreakGlassDeployment[];
}

/** Filters of GET /break-glass: sessions of an environment, opened in [from, to]. */
export interface BreakGlassQuery {
  environment?: string;
  from?: string;
  to?: string;
}
