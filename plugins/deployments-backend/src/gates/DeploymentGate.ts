import { Knex } from 'knex';
import {
  Deployment,
  DeploymentStatus,
  EnvironmentProtection,
} from '@shipgate/plugin-deployments-common';
import { GateRead, GateReadValues } from './GateRead';
import { GateWrite } from './GateWrite';

/** The facts of a deployment event that gates judge, before it is recorded. */
export interface GateEvent {
  product: string;
  version: string;
  environment: string;
  deployedBy: string | null;
  /** The deployment request the event names (`deployment_request_id`), if any. */
  deploymentRequestId: number | null;
  /** The status the event reports (absent in a dry run that has none). */
  status?: DeploymentStatus;
  /** The open deployment the event would move on, if known (absent: none or a dry run). */
  open?: { id: number; status: DeploymentStatus } | null;
  /** The environment's protection, read with the event's context (absent: not read yet). */
  protection?: EnvironmentProtection | null;
  /** The gates' reads, made with the event's context (absent: each gate reads for itself). */
  reads?: GateReadValues;
}

/**
 * A gate's answer: let the event through (optionally linking it to the deployment request
 * it belongs to), hold it as `blocked` with a reason people can act on, or refuse it with
 * an HTTP status and message (e.g. 423 `environment is frozen`), recording nothing.
 */
export type GateVerdict =
  | { kind: 'allow'; deploymentRequestId?: number; breakGlassId?: number }
  | { kind: 'block'; reason: string }
  | { kind: 'refuse'; status: number; message: string };

/**
 * One policy that deployment events must pass. Ingestion asks every gate, in order, and
 * does not change when a policy is added: adding a policy is adding a gate.
 */
export interface DeploymentGate {
  /** Short name for logs and dry runs, e.g. `deployment-request`. */
  name: string;
  /** What the gate reads of every event, made in the statement that reads its context. */
  reads?: ReadonlyArray<GateRead<unknown>>;
  check(event: GateEvent): Promise<GateVerdict>;
  /**
   * Whether the gate writes something that belongs to this change of a deployment (its
   * request's audit entry): asked before writing, so that an event no gate follows up
   * stays one statement, and one that is followed up is one transaction with `recordedIn`.
   */
  followsUp?(change: RecordedChange): boolean;
  /** The gate's writes of that change, in the deployment's own transaction. */
  recordedIn?(tx: Knex.Transaction, deployment: Deployment, recordedBy: string): Promise<void>;
  /**
   * Writes made with the deployment's own write when they apply (the configuration's live
   * version): on PostgreSQL they cost the event no statement of its own.
   */
  writes?: GateWrite;
  /**
   * Asked before a status change by hand (PUT /deployments/:id); throws to refuse it (e.g.
   * 409 for a deployment still waiting for approvals).
   */
  admitsStatusChange?(current: Deployment, to: DeploymentStatus): Promise<void>;
  /**
   * Told after a recorded change was committed (e.g. to complete a request, to notify),
   * with who recorded it: the caller (a user, or the CI service's subject), not
   * `deployed_by`. Its own writes are its own changes: a failure here is logged.
   */
  recorded?(deployment: Deployment, recordedBy: string): Promise<void>;
}

/** What a change will link the deployment to, known before it is written. */
export interface RecordedChange {
  deploymentRequestId: number | null;
  /** The status it is written with, and why gates hold it (when known). */
  status?: DeploymentStatus;
  /** The status it leaves, when it changes an existing deployment's status. */
  from?: DeploymentStatus;
  blockedReason?: string | null;
}

/** What the gates together say of an event. */
export type GatesOutcome =
  | {
      kind: 'allow';
      deploymentRequestId: number | null;
      blockedReason: null;
      breakGlassId: number | null;
    }
  | {
      kind: 'block';
      deploymentRequestId: number | null;
      blockedReason: string;
      breakGlassId: number | null;
    }
  | { kind: 'refuse'; status: number; message: string; gate: string };

/**
 * Asks the gates in order. The first refusal ends it (later gates are not asked); blocks
 * add up, so the reason names everything the deployment waits for; the first gate to link
 * a deployment request wins.
 */
export async function runGates(
  gates: readonly DeploymentGate[],
  event: GateEvent,
): Promise<GatesOutcome> {
  let deploymentRequestId = event.deploymentRequestId;
  let breakGlassId: number | null = null;
  const reasons: string[] = [];
  for (const gate of gates) {
    const verdict = await gate.check({ ...event, deploymentRequestId });
    if (verdict.kind === 'refuse') {
      return { kind: 'refuse', status: verdict.status, message: verdict.message, gate: gate.name };
    }
    if (verdict.kind === 'block') {
      reasons.push(verdict.reason);
      continue;
    }
    if (verdict.deploymentRequestId !== undefined && deploymentRequestId === null) {
      deploymentRequestId = verdict.deploymentRequestId;
    }
    if (verdict.breakGlassId !== undefined) breakGlassId = verdict.breakGlassId;
  }
  return reasons.length
    ? { kind: 'block', deploymentRequestId, blockedReason: reasons.join('; '), breakGlassId }
    : { kind: 'allow', deploymentRequestId, blockedReason: null, breakGlassId };
}
