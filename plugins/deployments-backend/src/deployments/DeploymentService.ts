import { LoggerService } from '@backstage/backend-plugin-api';
import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import {
  Deployment,
  DeploymentQuery,
  DeploymentStatus,
  RecordDeploymentInput,
} from '@shipgate/plugin-deployments-common';
import { EnvironmentStore } from '../environments/EnvironmentStore';
import { ProductCatalog } from '../products/ProductCatalog';
import { DeploymentGate, RecordedChange, runGates } from '../gates/DeploymentGate';
import { gateRefusal } from '../gates/gateRefusal';
import { GateRead, distinctReads } from '../gates/GateRead';
import { writeInTransaction } from '../gates/GateWrite';
import { DeploymentEvent, decideEvent, decideStatusChange } from './DeploymentLifecycle';
import { EventContext, EventDecision, IdempotencyKeyTakenError } from './DeploymentRecord';
import { DeploymentStore, WritesWithin } from './DeploymentStore';
import { requireEnvironment, unknownEnvironmentError } from '../environments/environmentChecks';

export const DEFAULT_PER_PAGE = 20;

/** Each attempt after the first follows another event's success; more is a pile-up. */
const MAX_RECORD_ATTEMPTS = 10;

/** What became of a recorded event: the deployment, and whether this call changed it. */
export interface RecordOutcome {
  deployment: Deployment;
  created: boolean;
  changed: boolean;
  replayed: boolean;
}

/**
 * Deployment tracking: events from CI move deployment records through their lifecycle;
 * people list, correct and prune them.
 */
export class DeploymentService {
  /** What the gates read of every event: columns of the event's context statement. */
  private readonly reads: ReadonlyArray<GateRead<unknown>>;

  constructor(
    private readonly deployments: DeploymentStore,
    private readonly environments: EnvironmentStore,
    private readonly products: ProductCatalog,
    /** Asked in order about every event: freezes first (a refusal costs nothing more), then deployment requests. */
    private readonly gates: readonly DeploymentGate[],
    private readonly logger?: LoggerService,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.reads = distinctReads(gates.flatMap(gate => gate.reads ?? []));
  }

  /**
   * What the gates judge an event by, read as ingestion reads it (one statement): for a
   * dry run of the gates (POST /rules/evaluate).
   */
  async gateContext(event: { product: string; version: string; environment: string }) {
    const context = await this.deployments.readEventContext(event, this.reads);
    return {
      environmentExists: context.environmentExists,
      protection: context.environmentProtection,
      reads: context.reads,
    };
  }

  async record(
    input: RecordDeploymentInput,
    /** `deployedBy` is data (who ran the pipeline); `recordedBy` is the audit actor (the caller). */
    by: { deployedBy: string | null; recordedBy: string },
    idempotency?: { key: string; requestHash: string },
  ): Promise<RecordOutcome> {
    const { deployedBy, recordedBy } = by;
    if (idempotency) {
      const earlier = await this.replay(idempotency);
      if (earlier) return earlier;
    }
    const event: DeploymentEvent = {
      ...input,
      product: this.products.refOf(input.product, 'product_name'),
      deployedBy,
      blockedReason: null,
    };
    try {
      for (let attempt = 1; ; attempt++) {
        const context = await this.deployments.readEventContext(event, this.reads);
        if (attempt === 1) await this.admit(event, input, context);
        const decision = decideEvent(event, context.open, this.now().toISOString());
        const { within, writes } = this.gateWritesOf(linksOf(decision), recordedBy);
        const outcome = await this.deployments.applyEvent(decision, idempotency, within, writes);
        if (outcome) {
          if (outcome.changed) await this.tellGates(outcome.deployment, recordedBy);
          return { ...outcome, replayed: false };
        }
        // A simultaneous event for the same deployment won; decide again on what it wrote.
        // Each lost race means another event was recorded, so this ends.
        if (attempt === MAX_RECORD_ATTEMPTS) {
          throw new ConflictError(
            `too many simultaneous events for ${input.product} ${input.version} in ` +
              `${input.environment}; retry the request`,
          );
        }
      }
    } catch (error) {
      // Another request with the same key committed while this one ran: answer as it did.
      if (idempotency && error instanceof IdempotencyKeyTakenError) {
        const earlier = await this.replay(idempotency);
        if (earlier) return earlier;
      }
      throw error;
    }
  }

  /**
   * Refuses an event whose product or environment does not exist (400 naming the field),
   * then asks the deployment gates: a refusal is answered with its status and records
   * nothing; a block records the event as `blocked` with the gates' reasons; a gate may
   * link the event to its deployment request.
   */
  private async admit(
    event: DeploymentEvent,
    input: RecordDeploymentInput,
    context: EventContext,
  ) {
    // The mirror misses a Component created since its last refresh: ask the catalog.
    if (!context.productInCatalog) await this.products.resolve(input.product, 'product_name');
    if (!context.environmentExists) {
      throw await unknownEnvironmentError(this.environments, 'environment_name', [input.environment]);
    }
    const verdict = await runGates(this.gates, {
      ...event,
      open: context.open ? { id: context.open.id, status: context.open.status } : null,
      protection: context.environmentProtection,
      reads: context.reads,
    });
    if (verdict.kind === 'refuse') throw gateRefusal(verdict.status, verdict.message);
    event.deploymentRequestId = verdict.deploymentRequestId;
    if (verdict.breakGlassId !== null) event.breakGlassId = verdict.breakGlassId;
    if (verdict.kind === 'block') {
      event.status = 'blocked';
      event.blockedReason = verdict.blockedReason;
    }
  }

  /**
   * The gates' writes that go with a change with these links: `writes`, which the store may
   * make part of the deployment's own statement, and `within`, those that need its
   * transaction (none for most events, which then stay one statement).
   */
  private gateWritesOf(change: RecordedChange, recordedBy: string) {
    const following = this.gates.filter(g => g.followsUp?.(change));
    const within: WritesWithin | undefined = following.length
      ? async (tx, written) => {
          for (const gate of following) await gate.recordedIn?.(tx, written, recordedBy);
        }
      : undefined;
    const writes = this.gates.flatMap(g => (g.writes?.appliesTo(change) ? [g.writes] : []));
    return { within, writes };
  }

  /**
   * Tells the gates of a recorded deployment. It is committed already: a gate that cannot
   * follow up (a request's audit entry, its completion) is logged and does not turn the
   * recorded event into a failure that CI would retry.
   */
  private async tellGates(deployment: Deployment, recordedBy: string) {
    for (const gate of this.gates) {
      try {
        await gate.recorded?.(deployment, recordedBy);
      } catch (error) {
        this.logger?.error(
          `Deployment ${deployment.id} was recorded, but the ${gate.name} gate could not follow up`,
          error as Error,
        );
      }
    }
  }

  async get(id: number): Promise<Deployment> {
    const deployment = await this.deployments.get(id);
    if (!deployment) throw new NotFoundError(`deployment ${id} not found`);
    return deployment;
  }

  async list(query: DeploymentQuery) {
    const page = query.page ?? 1;
    const perPage = query.per_page ?? DEFAULT_PER_PAGE;
    const filter = {
      products: query.product ? await this.products.filterRefs(query.product, 'product') : undefined,
      environment: query.environment,
      status: query.status,
      updatedAfter: query.updated_after && new Date(query.updated_after).toISOString(),
      updatedBefore: query.updated_before && new Date(query.updated_before).toISOString(),
      finishedAfter: query.finished_after && new Date(query.finished_after).toISOString(),
      finishedBefore: query.finished_before && new Date(query.finished_before).toISOString(),
      orderBy: query.order_by ?? 'id',
      sort: query.sort ?? 'asc',
      offset: (page - 1) * perPage,
      limit: perPage,
    };
    if (filter.environment) await requireEnvironment(this.environments, filter.environment, 'environment');
    const { items, total } = await this.deployments.list(filter);
    return {
      items,
      total,
      page,
      perPage,
      nextPage: page * perPage < total ? page + 1 : null,
    };
  }

  /** A status change through the API (PUT): the gates hear of it as of an event. */
  async updateStatus(id: number, status: DeploymentStatus, recordedBy: string): Promise<Deployment> {
    const asking = this.gates.filter(g => g.admitsStatusChange);
    if (asking.length) {
      const current = await this.get(id);
      for (const gate of asking) await gate.admitsStatusChange!(current, status);
    }
    let from: DeploymentStatus | undefined;
    const updated = await this.deployments.update(
      id,
      current => {
        from = current.status;
        return decideStatusChange(current, status, this.now().toISOString());
      },
      // A transaction already; the links are those of the row it locked.
      (tx, written) => {
        const { within, writes } = this.gateWritesOf(
          { deploymentRequestId: written.deployment_request_id, status: written.status, from },
          recordedBy,
        );
        return writeInTransaction(tx, written, within, writes);
      },
    );
    if (!updated) throw new NotFoundError(`deployment ${id} not found`);
    await this.tellGates(updated, recordedBy);
    return updated;
  }

  /** GitLab's rule: the latest deployment of an environment and running ones stay. */
  async delete(id: number): Promise<Deployment> {
    let deleted: Deployment | undefined;
    const found = await this.deployments.delete(id, (current, isLatestOfCell) => {
      if (current.status === 'running') {
        throw new InputError(`deployment ${id} is running and cannot be deleted`);
      }
      if (isLatestOfCell) {
        throw new InputError(
          `deployment ${id} is the last deployment of ${current.product_name} in ` +
            `${current.environment} and cannot be deleted`,
        );
      }
      deleted = current;
    });
    if (!found) throw new NotFoundError(`deployment ${id} not found`);
    return deleted!;
  }

  private async replay(claim: { key: string; requestHash: string }) {
    const earlier = await this.deployments.findIdempotentReplay(claim);
    if (!earlier) return undefined;
    if (earlier.kind === 'mismatch') {
      throw new ConflictError(
        'Idempotency-Key was already used for a different request; use a new key',
      );
    }
    if (earlier.kind === 'in_flight') {
      throw new ConflictError('a request with this Idempotency-Key is still in progress');
    }
    return { deployment: earlier.deployment, created: false, changed: false, replayed: true };
  }
}

/** The request a decided change leaves its deployment linked to. */
function linksOf(decision: EventDecision): RecordedChange {
  switch (decision.kind) {
    case 'create':
      return {
        deploymentRequestId: decision.deployment.deploymentRequestId,
        status: decision.deployment.status,
        blockedReason: decision.deployment.blockedReason,
      };
    case 'update':
      return {
        deploymentRequestId: decision.change.deploymentRequestId ?? null,
        status: decision.change.status,
        from: decision.from,
        blockedReason: decision.change.blockedReason,
      };
    default:
      return { deploymentRequestId: decision.deployment.deployment_request_id };
  }
}
