import { NotFoundError } from '@backstage/errors';
import {
  EnvironmentOverview,
  UpdateEnvironmentBody,
} from '@shipgate/plugin-deployments-common';
import { BreakGlassService } from '../breakGlass/BreakGlassService';
import { ProtectionService } from '../protection/ProtectionService';
import { FreezeService } from '../freezes/FreezeService';
import { EnvironmentStore } from './EnvironmentStore';

/** Freezes in the order they hold: open-ended first, then the latest end. */
function longestHoldingFirst(
  a: { activeUntil: string | null },
  b: { activeUntil: string | null },
): number {
  if (a.activeUntil === b.activeUntil) return 0;
  if (a.activeUntil === null) return -1;
  if (b.activeUntil === null) return 1;
  return b.activeUntil.localeCompare(a.activeUntil);
}

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
      const active = own.filter(f => f.active);
      const holding = active.sort(longestHoldingFirst)[0];
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
