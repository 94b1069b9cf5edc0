import {
  ApprovalSlot,
  DeploymentRequest,
  DeploymentRequestAbilities,
  DeploymentRequestSummary,
  Page,
  ProgressRow,
  cellStateOf,
  deploymentRequestQuerySchema,
  productNameOf,
} from '@shipgate/plugin-deployments-common';
import { z } from 'zod';
import { ApprovalEngine } from '../approvals/ApprovalEngine';
import { mustComeFirst } from '../approvals/approvalOrder';
import { Actor } from '../auth/Actor';
import { DeploymentStore } from '../deployments/DeploymentStore';
import { EnvironmentStore } from '../environments/EnvironmentStore';
import { ProductCatalog } from '../products/ProductCatalog';
import { DeploymentRequestRecord, RequestSummaryRecord } from './DeploymentRequestRecord';
import { DeploymentRequestStore } from './DeploymentRequestStore';
import { RequestAudit } from './RequestAudit';
import { RequestCompletion } from './RequestCompletion';
import { RequestRecords, tallyOfSlot } from './RequestRecords';
import {
  decisionPermissionRefusal,
  decisionStateRefusal,
  owns,
  CLONEABLE_STATES,
  stepPermissionRefusal,
  stepStateRefusal,
} from './requestRefusals';

export const DEFAULT_REQUESTS_PER_PAGE = 20;

/** Upper bound of requests the `approvable` filter looks through for one person. */
const MAX_APPROVABLE = 10_000;

type ListQuery = z.output<typeof deploymentRequestQuerySchema>;

/** What the presenter reads of deployments: the latest of each item per environment. */
export type DeploymentsOfItems = Pick<DeploymentStore, 'latestForItems'>;

/** A request as lists show it: who it waits on, and for how many approvals. */
export function toSummary(request: RequestSummaryRecord): DeploymentRequestSummary {
  return {
    id: request.id,
    title: request.title,
    environment: request.environment,
    state: request.state,
    createdBy: request.createdBy,
    items: request.items.map(i => ({ ...i, productName: productNameOf(i.product) })),
    waitingOn: request.slots
      .filter(s => s.state === 'open')
      .map(s => ({
        approvalType: s.approvalType,
        missing: s.requiredCount - s.approvals,
      })),
    createdAt: request.createdAt,
    updatedAt: request.updatedAt,
  };
}

/** `toSummary` of a request read whole. */
export function summaryOf(request: DeploymentRequestRecord): DeploymentRequestSummary {
  return toSummary({ ...request, slots: request.slots.map(tallyOfSlot) });
}

/** Why a slot waits: an approval order puts another slot first (the engine refuses with 409). */
function orderRefusal(slots: ApprovalSlot[], slot: ApprovalSlot): string | null {
  const first = mustComeFirst(slots, slot);
  return first ? `Waits for the ${first.approvalType} approval first (approval order)` : null;
}

/**
 * Deployment requests as people see them: the paged list, and one request with its
 * progress across environments, its audit trail, and what the caller may do with it (the
 * same refusal rules the commands apply).
 */
export class RequestPresenter {
  constructor(
    private readonly requests: DeploymentRequestStore,
    private readonly records: RequestRecords,
    private readonly approvals: ApprovalEngine,
    private readonly environments: EnvironmentStore,
    private readonly deployments: DeploymentsOfItems,
    private readonly products: ProductCatalog,
    private readonly completion: RequestCompletion,
    private readonly audit: RequestAudit,
  ) {}

  async list(query: ListQuery, actor: Actor): Promise<Page<DeploymentRequestSummary>> {
    const page = query.page ?? 1;
    const perPage = query.per_page ?? DEFAULT_REQUESTS_PER_PAGE;
    const empty = { items: [], total: 0, page, perPage, nextPage: null };
    // Only requests in progress take decisions.
    if (query.approvable && query.state && query.state !== 'in_progress') return empty;
    let ids: number[] | undefined;
    if (query.approvable) {
      const criteria = await actor.decideCriteria();
      if (criteria === false) return empty;
      const decidable = await this.approvals.decidable(actor.userRef, criteria, 'request_slot', {
        limit: MAX_APPROVABLE,
      });
      ids = [...new Set(decidable.map(d => d.ownerId))];
    }
    // Approvable means in progress, whatever state was asked for.
    const state = query.approvable ? 'in_progress' : query.state;
    const { ids: pageIds, total } = await this.requests.list({
      products: query.product ? await this.products.filterRefs(query.product, 'product') : undefined,
      environment: query.environment,
      states: state ? [state] : undefined,
      createdBy: query.mine ? actor.userRef : undefined,
      ids,
      offset: (page - 1) * perPage,
      limit: perPage,
    });
    const items = (await this.records.summaries(pageIds)).map(toSummary);
    return { items, total, page, perPage, nextPage: page * perPage < total ? page + 1 : null };
  }

  async get(id: number, actor: Actor): Promise<DeploymentRequest> {
    return this.present(await this.records.require(id), actor);
  }

  async present(request: DeploymentRequestRecord, actor: Actor): Promise<DeploymentRequest> {
    const [environments, latest, audit, abilities] = await Promise.all([
      this.environments.list(),
      this.deployments.latestForItems(request.items),
      this.audit.list(request.id),
      this.abilities(request, actor),
    ]);
    const rows: ProgressRow[] = request.items.map(item => ({
      product: item.product,
      productName: productNameOf(item.product),
      version: item.version,
      cells: Object.fromEntries(
        environments.map(e => {
          const d = latest.find(
            l => l.product === item.product && l.version === item.version && l.environment === e.name,
          );
          return [e.name, { state: cellStateOf(d?.status), deploymentId: d?.id ?? null }];
        }),
      ),
    }));
    return {
      ...summaryOf(request),
      description: request.description,
      templateId: request.templateId,
      clonedFromId: request.clonedFromId,
      slots: request.slots,
      steps: request.steps,
      progress: { environments: environments.map(e => e.name), rows },
      audit,
      abilities,
      submittedAt: request.submittedAt,
      completedAt: request.completedAt,
    };
  }

  private async abilities(
    request: DeploymentRequestRecord,
    actor: Actor,
  ): Promise<DeploymentRequestAbilities> {
    const owner = owns(request, actor);
    const allowed = await actor.mayDecide(request.slots.map(s => s.id));
    const decide: Record<number, string | null> = {};
    for (const slot of request.slots) {
      decide[slot.id] =
        decisionStateRefusal(request, slot, actor.userRef) ??
        orderRefusal(request.slots, slot) ??
        (allowed.has(slot.id) ? null : decisionPermissionRefusal(request, slot, actor));
    }
    const completeStep: Record<number, string | null> = {};
    for (const step of request.steps) {
      completeStep[step.id] =
        stepStateRefusal(request, step) ?? stepPermissionRefusal(request, step, actor) ?? null;
    }
    return {
      edit: request.state === 'draft' && owner && actor.canCreateRequests,
      submit: request.state === 'draft' && owner && actor.canCreateRequests,
      cancel: ['draft', 'in_progress'].includes(request.state) && owner,
      complete:
        request.state === 'approved' &&
        (owner || actor.canCompleteSteps) &&
        (await this.completion.blockers(request)).length === 0,
      clone: CLONEABLE_STATES.includes(request.state) && actor.canCreateRequests,
      decide,
      completeStep,
    };
  }
}
