import { Deployment } from '@shipgate/plugin-deployments-common';
import { Transaction } from '../database/transactions';
import { RecordedChange } from './DeploymentGate';

/**
 * What a gate writes with a recorded deployment, made with the deployment's own write, so
 * that the two commit together and an event costs no statement or commit more: on
 * PostgreSQL as data-modifying CTEs of the deployment's one statement, on SQLite (which has
 * none) as statements in its transaction. The store that owns the tables writes the SQL;
 * the gate only names it, as it names its reads (`GateRead`).
 */
export interface GateWrite {
  /** Names it among the parts of a composed statement (which is prepared per set of parts). */
  name: string;
  /** Whether a change needs it, known before anything is written. */
  appliesTo(change: RecordedChange): boolean;
  /**
   * PostgreSQL: CTEs (`name as (…)`, in order) that read the deployment as written from
   * `written`, with no bindings: the statement's text stays fixed, and is prepared once.
   */
  pg: ReadonlyArray<{ name: string; sql: string }>;
  /** The same writes in the deployment's transaction, where the statement cannot hold them. */
  within(tx: Transaction, deployment: Deployment): Promise<void>;
}

/** Makes, in a deployment's transaction, the writes a statement could not hold: `within`, then each gate's. */
export async function writeInTransaction(
  tx: Transaction,
  deployment: Deployment,
  within: GateWrite['within'] | undefined,
  writes: readonly GateWrite[],
): Promise<void> {
  await within?.(tx, deployment);
  for (const write of writes) await write.within(tx, deployment);
}
