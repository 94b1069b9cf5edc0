import {
  Task,
  TaskList,
  approvalTypesOf,
} from '@shipgate/plugin-deployments-common';
import { ProtectionService } from '../protection/ProtectionService';
import { ApprovalEngine } from '../approvals/ApprovalEngine';
import { Actor } from '../auth/Actor';
import { productCallerOf } from '../pipelines/ProductCallers';
import { PromotionService } from '../promotions/PromotionService';
import { ProductCatalog } from '../products/ProductCatalog';
import { DeploymentRequestStore } from '../requests/DeploymentRequestStore';
import { summaryOf, toSummary } from '../requests/RequestPresenter';
import { RequestRecords } from '../requests/RequestRecords';

/** At most this many tasks of each kind are listed at once. */
const MAX_TASKS = 500;

/**
 * My Tasks: what the caller can act on now. Approvals come from the approvals engine (the
 * subjects the permission policy lets them decide and they have not decided); steps from
 * the requests they may complete steps of; promotions from the promotions they may approve
 * or deploy.
 */
export class TaskService {
  constructor(
    private readonly approvals: ApprovalEngine,
    private readonly requests: DeploymentRequestStore,
    private readonly records: RequestRecords,
    private readonly products: ProductCatalog,
    private readonly promotions: Pick<PromotionService, 'tasks'>,
    private readonly deploymentApprovals?: Pick<ProtectionService, 'tasks'>,
  ) {}

  /** The caller's tasks; for `product`, those of that Component, or of a System's components. */
  async tasks(product: string | undefined, actor: Actor): Promise<TaskList> {
    const productRefs = product
      ? await this.products.filterRefs(product, 'product')
      : undefined;
    // The four kinds are independent reads: asked together.
    const [slots, steps, promotions, blocked] = await Promise.all([
      this.decidableSlots(productRefs, actor),
      this.openSteps(productRefs, actor),
      this.promotions.tasks(productCallerOf(actor), {
        products: productRefs,
        limit: MAX_TASKS,
      }),
      this.blockedDeployments(productRefs, actor),
    ]);
    // Approvals show their request as lists do (slots counted); steps need the request whole.
    const [slotRequests, stepRequests] = await Promise.all([
      this.records.summaries([...new Set(slots.map(s => s.ownerId))]),
      this.records.getMany([...new Set(steps.map(s => s.requestId))]),
    ]);
    const summaries = new Map(slotRequests.map(r => [r.id, r]));
    const requests = new Map(stepRequests.map(r => [r.id, r]));
    const tasks: Task[] = [];
    for (const { subjectId, ownerId } of slots) {
      const request = summaries.get(ownerId)!;
      const slot = request.slots.find(s => s.id === subjectId)!;
      tasks.push({
        kind: 'approval',
        request: toSummary(request),
        slot: {
          id: slot.id,
          approvalType: slot.approvalType,
          requiredCount: slot.requiredCount,
          approvals: slot.approvals,
        },
      });
    }
    for (const { stepId, requestId } of steps) {
      const request = requests.get(requestId)!;
      const step = request.steps.find(s => s.id === stepId)!;
      tasks.push({
        kind: 'step',
        request: summaryOf(request),
        step: { id: step.id, phase: step.phase, title: step.title },
      });
    }
    for (const promotion of promotions)
      tasks.push({ kind: 'promotion', promotion });
    for (const { deployment, matches } of blocked) {
      tasks.push({ kind: 'deployment_approval', deployment, matches });
    }
    return {
      tasks,
      counts: {
        approvals: slots.length,
        steps: steps.length,
        promotions: promotions.length,
        deploymentApprovals: blocked.length,
        total: tasks.length,
      },
    };
  }

  private async decidableSlots(productRefs: string[] | undefined, actor: Actor) {
    const criteria = await actor.decideCriteria();
    const ownerIds = productRefs
      ? await this.requests.idsListing(productRefs, ['in_progress'])
      : undefined;
    if (criteria === false || ownerIds?.length === 0) return [];
    return this.approvals.decidable(actor.userRef, criteria, 'request_slot', {
      ownerIds,
      limit: MAX_TASKS,
    });
  }

  private async openSteps(productRefs: string[] | undefined, actor: Actor) {
    if (!actor.canCompleteSteps) return [];
    return this.requests.openSteps({
      // Those the person may complete (requestRefusals' stepPermissionRefusal); admins all.
      assignee: actor.roles.includes('admin')
        ? undefined
        : {
            userRef: actor.userRef,
            roles: actor.roles,
            anyUnassigned: actor.roles.includes('release_manager'),
          },
      products: productRefs,
    });
  }

  /** Blocked deployments whose protected environment's rules name the caller. */
  private async blockedDeployments(
    productRefs: string[] | undefined,
    actor: Actor,
  ) {
    const blocked =
      (await this.deploymentApprovals?.tasks({
        userRef: actor.userRef,
        roles: actor.roles,
        approvalTypes: approvalTypesOf(actor.roles),
        ownershipRefs: actor.ownershipRefs,
      })) ?? [];
    return blocked.filter(
      t => !productRefs || productRefs.includes(t.deployment.product),
    );
  }
}
