import {
  Deployment,
  DeploymentOrderField,
  DeploymentStatus,
  EnvironmentProtection,
} from '@shipgate/plugin-deployments-common';
import { GateReadValues } from '../gates/GateRead';

/** The fields a new deployment record is written with. */
export interface NewDeployment {
  product: string;
  version: string;
  environment: string;
  status: DeploymentStatus;
  /** Why a deployment gate holds it (`blocked`), else null. */
  blockedReason: string | null;
  ref: string | null;
  sha: string | null;
  tag: string | null;
  deployedBy: string | null;
  buildUrl: string | null;
  extraMetadata: Record<string, unknown> | null;
  deploymentRequestId: number | null;
  /** The break-glass session that let it through a freeze (absent: none). */
  breakGlassId?: number | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

/** What changes on an existing deployment when an event moves it on. */
export interface DeploymentChange {
  status: DeploymentStatus;
  updatedAt: string;
  /** Set while a gate holds it, cleared (null) when it moves on. */
  blockedReason?: string | null;
  startedAt?: string;
  finishedAt?: string;
  /** Later events may fill in what earlier ones did not know (build URL, sha, …). */
  ref?: string | null;
  sha?: string | null;
  tag?: string | null;
  buildUrl?: string | null;
  extraMetadata?: Record<string, unknown> | null;
  deploymentRequestId?: number | null;
  breakGlassId?: number | null;
}

/**
 * What the domain decided to do with an event, given the open deployment of its product,
 * version and environment (`from`: the status the update was decided on).
 */
export type EventDecision =
  | { kind: 'create'; deployment: NewDeployment }
  | { kind: 'update'; id: number; from: DeploymentStatus; change: DeploymentChange }
  | { kind: 'unchanged'; deployment: Deployment };

export interface DeploymentListFilter {
  /** Any of these products (a system's components). */
  products?: string[];
  environment?: string;
  status?: DeploymentStatus;
  updatedAfter?: string;
  updatedBefore?: string;
  finishedAfter?: string;
  finishedBefore?: string;
  orderBy: DeploymentOrderField;
  sort: 'asc' | 'desc';
  offset: number;
  limit: number;
}

export interface IdempotencyClaim {
  key: string;
  requestHash: string;
}

export type IdempotentReplay =
  | { kind: 'replay'; deployment: Deployment }
  | { kind: 'mismatch' }
  | { kind: 'in_flight' };

/** Thrown by `applyEvent` when another request with the same key committed first. */
export class IdempotencyKeyTakenError extends Error {
  constructor() {
    super('another request with this Idempotency-Key committed first');
  }
}

/**
 * What a deployment event meets, read in one statement: its open deployment and whether
 * what it names exists. Every statement is a round trip, and round trips are what
 * ingestion pays for (see bench/).
 */
export interface EventContext {
  /** The unfinished deployment of the event's product, version and environment, if any. */
  open: Deployment | undefined;
  /** Whether the product is in Shipgate's mirror of the catalog. */
  productInCatalog: boolean;
  environmentExists: boolean;
  /** The environment's protection (null: unprotected), for the protection gate. */
  environmentProtection: EnvironmentProtection | null;
  /** The raw values of the gates' reads, by name. */
  reads: GateReadValues;
}

/** A recorded event: the deployment, and whether this call created or changed it. */
export interface AppliedEvent {
  deployment: Deployment;
  created: boolean;
  changed: boolean;
}
