/**
 * A deployment freeze: while active, deployment events into its environment are refused
 * with 423 `environment is frozen`. One-off (`start`–`end`, or open-ended when `end` is
 * null, as "stop the line" is) or recurring (a cron schedule in a time zone, each
 * occurrence lasting `durationMinutes`). `environment` null: every environment.
 */
export interface EnvironmentFreeze {
  id: number;
  environment: string | null;
  reason: string;
  kind: 'one-off' | 'recurring';
  start: string | null;
  end: string | null;
  cron: string | null;
  durationMinutes: number | null;
  timezone: string | null;
  createdBy: string;
  createdAt: string;
  /** While active: when this occurrence ends (null: until lifted). */
  activeUntil: string | null;
  active: boolean;
  /** The next time it starts, if not active now and it will (recurring or future one-off). */
  nextStart: string | null;
}

/** Which freeze holds an environment, and until when (null: until lifted). */
export interface ActiveFreeze {
  id: number;
  reason: string;
  until: string | null;
}
