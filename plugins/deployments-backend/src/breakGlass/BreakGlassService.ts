import { ConflictError, NotFoundError } from '@backstage/errors';
import {
  BreakGlassQuery,
  BreakGlassReportEntry,
  BreakGlassSession,
  OpenBreakGlassBody,
} from '@shipgate/plugin-deployments-common';
import { EnvironmentStore } from '../environments/EnvironmentStore';
import { requireEnvironment } from '../environments/environmentChecks';
import { BreakGlassNotifier } from './BreakGlassNotifier';
import { BreakGlassRecord, BreakGlassStore } from './BreakGlassStore';

/** A session as the API shows it at `now`. */
export function presentSession(
  record: BreakGlassRecord,
  now: Date,
): BreakGlassSession {
  const endsAt =
    record.closedAt && record.closedAt < record.expiresAt
      ? record.closedAt
      : record.expiresAt;
  const open = !record.closedAt && Date.parse(record.expiresAt) > now.getTime();
  const end = open ? now.getTime() : Date.parse(endsAt);
  return {
    ...record,
    open,
    endsAt,
    durationMinutes: Math.max(
      0,
      Math.round((end - Date.parse(record.openedAt)) / 60_000),
    ),
  };
}

/**
 * Break glass: release managers and admins open a session with a reason for a number of
 * minutes, during which the environment's freezes let deployments through (the freeze gate
 * reads the open session in its one statement); admins are told at once. The report lists
 * sessions with the deployments recorded under each, for review afterwards.
 */
export class BreakGlassService {
  constructor(
    private readonly sessions: BreakGlassStore,
    private readonly environments: EnvironmentStore,
    private readonly notifier: BreakGlassNotifier,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async open(
    environment: string,
    body: OpenBreakGlassBody,
    by: string,
  ): Promise<BreakGlassSession> {
    await requireEnvironment(this.environments, environment, 'environment');
    const now = this.now();
    const opened = await this.sessions.open({
      environment,
      reason: body.reason,
      openedBy: by,
      openedAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + body.minutes * 60_000).toISOString(),
    });
    if (!opened) {
      throw new ConflictError(
        `a break-glass session is already open for ${environment}; close it before opening another`,
      );
    }
    const session = presentSession(opened, now);
    this.notifier.opened(session);
    return session;
  }

  async close(
    environment: string,
    id: number,
    by: string,
  ): Promise<BreakGlassSession> {
    const existing = await this.sessions.get(id);
    if (!existing || existing.environment !== environment) {
      throw new NotFoundError(
        `break-glass session ${id} of ${environment} not found`,
      );
    }
    const now = this.now();
    const closed = await this.sessions.close(id, by, now.toISOString());
    if (!closed)
      throw new ConflictError(`break-glass session ${id} is not open`);
    return presentSession(closed, now);
  }

  /** Sessions open now, by environment. */
  async openSessions(): Promise<Map<string, BreakGlassSession>> {
    const now = this.now();
    const open = await this.sessions.listOpen(now.toISOString());
    return new Map(open.map(s => [s.environment, presentSession(s, now)]));
  }

  async report(query: BreakGlassQuery): Promise<BreakGlassReportEntry[]> {
    if (query.environment)
      await requireEnvironment(
        this.environments,
        query.environment,
        'environment',
      );
    const now = this.now();
    const sessions = await this.sessions.list({
      environment: query.environment,
      from: query.from && new Date(query.from).toISOString(),
      to: query.to && new Date(query.to).toISOString(),
    });
    const deployments = await this.sessions.deploymentsOf(
      sessions.map(s => s.id),
    );
    return sessions.map(s => ({
      ...presentSession(s, now),
      deployments: deployments.get(s.id) ?? [],
    }));
  }
}
