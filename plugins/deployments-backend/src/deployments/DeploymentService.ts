import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import {
  Deployment,
  DeploymentQuery,
  DeploymentStatus,
  RecordDeploymentInput,
} from '@shipgate/plugin-deployments-common';
import {
  DeploymentStore,
  EventContext,
  IdempotencyKeyTakenError,
} from '../database/DeploymentStore';
import { EnvironmentStore } from '../database/EnvironmentStore';
import { ProductCatalog } from './ProductCatalog';
import { DeploymentEvent, decideEvent, decideStatusChange } from './DeploymentLifecycle';
import { requireEnvironment, unknownEnvironmentError } from './environmentChecks';

export const DEFAULT_PER_PAGE = 20;

/** Each attempt after the first follows another event's success; more is a pile-up. */
const MAX_RECORD_ATTEMPTS = 10;

/**
 * Deployment requests' say in deployments: which request an event belongs to (or a refusal),
 * and what follows once it is recorded.
 */
export interface DeploymentGate {
  gateDeployment(event: {
    product: string;
    version: string;
    environment: string;
    deploymentRequestId: number | null;
  }): Promise<number | null>;
  deploymentRecorded(deployment: Deployment): Promise<void>;
}

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
  constructor(
    private readonly deployments: DeploymentStore,
    private readonly environments: EnvironmentStore,
    private readonly products: ProductCatalog,
    private readonly now: () => Date = () => new Date(),
  ) {}

  private gate?: DeploymentGate;

  /** Deployment requests plug in here (they are built after this service). */
  setGate(gate: DeploymentGate) {
    this.gate = gate;
  }

  async record(
    input: RecordDeploymentInput,
    deployedBy: string | null,
    idempotency?: { key: string; requestHash: string },
  ): Promise<RecordOutcome> {
    if (idempotency) {
      const earlier = await this.replay(idempotency);
      if (earlier) return earlier;
    }
    const event = {
      ...input,
      product: this.products.refOf(input.product, 'product_name'),
      deployedBy,
    };
    try {
      for (let attempt = 1; ; attempt++) {
        const context = await this.deployments.readEventContext(event);
        if (attempt === 1) await this.admit(event, input, context);
        const outcome = await this.deployments.applyEvent(
          decideEvent(event, context.open, this.now().toISOString()),
          idempotency,
        );
        if (outcome) {
          if (outcome.changed) await this.gate?.deploymentRecorded(outcome.deployment);
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
   * and lets deployment requests gate it and claim it (`event.deploymentRequestId`).
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
    // Only a request that is still open can gate or claim an event: the many events that no
    // open request lists skip the gate's look-ups.
    if (this.gate && (event.deploymentRequestId !== null || context.openRequestCovers)) {
      event.deploymentRequestId = await this.gate.gateDeployment(event);
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
      product: query.product ? this.products.refOf(query.product, 'product') : undefined,
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

  async updateStatus(id: number, status: DeploymentStatus): Promise<Deployment> {
    const updated = await this.deployments.update(id, current =>
      decideStatusChange(current, status, this.now().toISOString()),
    );
    if (!updated) throw new NotFoundError(`deployment ${id} not found`);
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
