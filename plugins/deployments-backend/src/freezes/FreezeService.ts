import { NotFoundError } from '@backstage/errors';
import {
  ActiveFreeze,
  CreateFreezeBody,
  EnvironmentFreeze,
  StopTheLineBody,
} from '@shipgate/plugin-deployments-common';
import { EnvironmentStore } from '../environments/EnvironmentStore';
import { requireEnvironment } from '../environments/environmentChecks';
import { GateReadValues, readAllOr } from '../gates/GateRead';
import { FreezeGateReads, FreezeStore } from './FreezeStore';
import {
  FreezeRecord,
  activeFreezeOf,
  checkCron,
  occurrenceAt,
} from './freezeSchedule';

/** A freeze as the API shows it at `now`. */
export function presentFreeze(
  freeze: FreezeRecord,
  now: Date,
): EnvironmentFreeze {
  const occurrence = occurrenceAt(freeze, now);
  return {
    ...freeze,
    kind: freeze.cron ? 'recurring' : 'one-off',
    active: occurrence.active,
    activeUntil: occurrence.until,
    nextStart: occurrence.nextStart,
  };
}

/**
 * Deployment freezes: admins add one-off and recurring freezes to an environment, or
 * freeze every environment at once ("stop the line"), and lift them. Whether an
 * environment is frozen is worked out from the stored freezes at each question, never
 * cached, so every replica answers alike.
 */
export class FreezeService {
  /** What `gateState` reads, as reads of a deployment event's context. */
  readonly gateReads: FreezeGateReads;

  constructor(
    private readonly freezes: FreezeStore,
    private readonly environments: EnvironmentStore,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.gateReads = freezes.gateStateReads(() => this.now().toISOString());
  }

  async create(
    environment: string,
    body: CreateFreezeBody,
    by: string,
  ): Promise<EnvironmentFreeze> {
    await requireEnvironment(this.environments, environment, 'environment');
    const timezone = body.cron ? body.timezone ?? 'UTC' : null;
    if (body.cron) checkCron(body.cron, timezone);
    const now = this.now();
    const created = await this.freezes.create({
      environment,
      reason: body.reason,
      start: body.start ? new Date(body.start).toISOString() : null,
      end: body.end ? new Date(body.end).toISOString() : null,
      cron: body.cron ?? null,
      durationMinutes: body.cron ? body.durationMinutes! : null,
      timezone,
      createdBy: by,
      createdAt: now.toISOString(),
    });
    return presentFreeze(created, now);
  }

  /** "Stop the line": one freeze of every environment, from now until lifted (or `end`). */
  async stopTheLine(
    body: StopTheLineBody,
    by: string,
  ): Promise<EnvironmentFreeze> {
    const now = this.now();
    const created = await this.freezes.create({
      environment: null,
      reason: body.reason,
      start: now.toISOString(),
      end: body.end ? new Date(body.end).toISOString() : null,
      cron: null,
      durationMinutes: null,
      timezone: null,
      createdBy: by,
      createdAt: now.toISOString(),
    });
    return presentFreeze(created, now);
  }

  /**
   * Lifts a freeze. Given an environment, only that environment's own freezes (a "stop the
   * line" freeze is lifted by id alone, as it holds every environment).
   */
  async delete(id: number, environment?: string): Promise<FreezeRecord> {
    const freeze = await this.freezes.get(id);
    if (
      !freeze ||
      (environment !== undefined && freeze.environment !== environment)
    ) {
      throw new NotFoundError(
        environment === undefined
          ? `freeze ${id} not found`
          : `freeze ${id} of ${environment} not found`,
      );
    }
    await this.freezes.delete(id);
    return freeze;
  }

  /** The freezes that have not ended, as shown now, by environment (null: all of them). */
  async current(): Promise<EnvironmentFreeze[]> {
    const now = this.now();
    return (await this.freezes.listCurrent(now.toISOString())).map(f =>
      presentFreeze(f, now),
    );
  }

  /**
   * Which freeze holds `environment` now, if any, and its open break-glass session: read
   * afresh on every event (no cache another replica could see stale), with the event's
   * context when `values` hold `gateReads`, else with a statement of its own.
   */
  async gateState(
    environment: string,
    values?: GateReadValues,
  ): Promise<{ active?: ActiveFreeze; breakGlassId: number | null }> {
    const now = this.now();
    const { freezes, breakGlassId } = await readAllOr(values, this.gateReads, { environment }, () =>
      this.freezes.gateState(environment, now.toISOString()),
    );
    const found = activeFreezeOf(freezes, now);
    return {
      active: found && {
        id: found.freeze.id,
        reason: found.freeze.reason,
        until: found.until,
      },
      breakGlassId,
    };
  }
}
