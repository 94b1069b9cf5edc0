import { NotFoundError } from '@backstage/errors';
import {
  EnvironmentFreeze,
  EnvironmentOverview,
  UpdateEnvironmentBody,
} from '@shipgate/plugin-deployments-common';
import { BreakGlassService } from '../breakGlass/BreakGlassService';
import { ProtectionService } from '../protection/ProtectionService';
import { FreezeService } from '../freezes/FreezeService';
import { holdsLonger } from '../freezes/freezeSchedule';
import { EnvironmentStore } from './EnvironmentStore';

/**
 * Environments as admins see and edit them: each with its freezes and whether one holds it
 * now. Three statements for the whole list (environments, current freezes, open sessions).
 */
export class EnvironmentService {
  constructor(
    private readonly environments: EnvironmentStore,
    private readonly freezes: FreezeService,
    private readonly breakGlass: BreakGlassService,
    /** Lifting an environment's protection lets the deployments waiting on it go on. */
    private readonly protection: Pick<ProtectionService, 'releaseWaiting'>,
  ) {}

  async list(): Promise<EnvironmentOverview[]> {
    const [environments, freezes, sessions] = await Promise.all([
      this.environments.list(),
      this.freezes.current(),
      this.breakGlass.openSessions(),
    ]);
    return environments.map(environment => {
      const own = freezes.filter(
        f => f.environment === null || f.environment === environment.name,
      );
      // The active one that holds longest, by the freeze gate's own rule.
      const holding = own
        .filter(f => f.active)
        .reduce<EnvironmentFreeze | undefined>(
          (longest, f) =>
            !longest || holdsLonger(f.activeUntil, longest.activeUntil)
              ? f
              : longest,
          undefined,
        );
      return {
        ...environment,
        frozen: Boolean(holding),
        frozenBy: holding
          ? {
              id: holding.id,
              reason: holding.reason,
              until: holding.activeUntil,
            }
          : null,
        freezes: own,
        breakGlass: sessions.get(environment.name) ?? null,
      };
    });
  }

  async get(name: string): Promise<EnvironmentOverview> {
    const found = (await this.list()).find(e => e.name === name);
    if (!found) throw new NotFoundError(`environment '${name}' not found`);
    return found;
  }

  async update(
    name: string,
    patch: UpdateEnvironmentBody,
    by: string,
  ): Promise<EnvironmentOverview> {
    const updated = await this.environments.update(
      name,
      patch,
      new Date().toISOString(),
    );
    if (!updated) throw new NotFoundError(`environment '${name}' not found`);
    if (patch.protection === null)
      await this.protection.releaseWaiting(name, by);
    return this.get(name);
  }
}
