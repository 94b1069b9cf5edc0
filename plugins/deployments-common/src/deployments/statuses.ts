/**
 * Deployment statuses. The canonical set is GitLab's; Versioner's words are accepted on the
 * wire as aliases and stored as their canonical equivalent.
 */
export const DEPLOYMENT_STATUSES = [
  'created',
  'blocked',
  'running',
  'success',
  'failed',
  'canceled',
] as const;

export type DeploymentStatus = (typeof DEPLOYMENT_STATUSES)[number];

/** Versioner's lifecycle words → GitLab's canonical statuses. */
export const DEPLOYMENT_STATUS_ALIASES: Record<string, DeploymentStatus> = {
  pending: 'created',
  started: 'running',
  completed: 'success',
  aborted: 'canceled',
  // Spellings people type; harmless to accept.
  cancelled: 'canceled',
};

/** Statuses after which a deployment never changes again. */
export const FINISHED_DEPLOYMENT_STATUSES: readonly DeploymentStatus[] = [
  'success',
  'failed',
  'canceled',
];

/**
 * The deployment lifecycle: which status may follow which. A deployment that is `blocked`
 * waits for approval and then goes on as `created` or `running`, or is canceled.
 */
export const DEPLOYMENT_TRANSITIONS: Record<DeploymentStatus, readonly DeploymentStatus[]> = {
  created: ['blocked', 'running', 'success', 'failed', 'canceled'],
  blocked: ['created', 'running', 'canceled', 'failed'],
  running: ['success', 'failed', 'canceled'],
  success: [],
  failed: [],
  canceled: [],
};

/** Returns the canonical status for a canonical name or an alias, or undefined. */
export function toCanonicalStatus(value: string): DeploymentStatus | undefined {
  const lower = value.trim().toLowerCase();
  if ((DEPLOYMENT_STATUSES as readonly string[]).includes(lower)) {
    return lower as DeploymentStatus;
  }
  return DEPLOYMENT_STATUS_ALIASES[lower];
}

export function isFinishedStatus(status: DeploymentStatus): boolean {
  return FINISHED_DEPLOYMENT_STATUSES.includes(status);
}

export function canTransition(from: DeploymentStatus, to: DeploymentStatus): boolean {
  return DEPLOYMENT_TRANSITIONS[from].includes(to);
}

/**
 * The four states a cell of the environment matrix shows (Versioner's progress view):
 * deployed, not deployed, failed, in progress.
 */
export type DeploymentCellState = 'deployed' | 'not_deployed' | 'failed' | 'in_progress';

export function cellStateOf(status: DeploymentStatus | undefined): DeploymentCellState {
  switch (status) {
    case undefined:
      return 'not_deployed';
    case 'success':
      return 'deployed';
    case 'failed':
      return 'failed';
    case 'canceled':
      // A canceled attempt leaves nothing new deployed.
      return 'not_deployed';
    default:
      return 'in_progress';
  }
}
