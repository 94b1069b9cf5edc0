import { ConflictError, InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import {
  APPROVAL_TYPES,
  ApprovalType,
  DeploymentRequest,
  DeploymentRequestAbilities,
  DeploymentRequestState,
  DeploymentRequestSummary,
  ORG_ROLES,
  Page,
  ProgressRow,
  ROLE_APPROVAL_TYPES,
  Task,
  TaskList,
  approvalTypesOf,
  cellStateOf,
  createDeploymentRequestSchema,
  deploymentRequestQuerySchema,
  productNameOf,
  updateDeploymentRequestSchema,
} from '@shipgate/plugin-deployments-common';
import { z } from 'zod';
import {
  DeploymentRequestStore,
  RequestContents,
  RequestMutations,
  StoredRequest,
} from '../database/DeploymentRequestStore';
import { DeploymentStore } from '../database/DeploymentStore';
import { EnvironmentStore } from '../database/EnvironmentStore';
import { TemplateStore } from '../database/TemplateStore';
import { Actor } from './Actor';
import {
  assertTransition,
  describeState,
  requestStateOf,
  slotStateOf,
} from './DeploymentRequestLifecycle';
import { ProductCatalog } from './ProductCatalog';
import { RequestNotifier } from './RequestNotifier';
import { requireEnvironment } from './environmentChecks';

export const DEFAULT_REQUESTS_PER_PAGE = 20;

type CreateInput = z.output<typeof createDeploymentRequestSchema>;
type UpdateInput = z.output<typeof updateDeploymentRequestSchema>;
type ListQuery = z.output<typeof deploymentRequestQuerySchema>;

/** Roles that may decide an approval type, for messages that say who could. */
function rolesDeciding(type: ApprovalType): string[] {
  return ORG_ROLES.filter(role => ROLE_APPROVAL_TYPES[role].includes(type));
}

function waitingOn(request: StoredRequest) {
  return request.slots
    .filter(s => s.state === 'open')
    .map(s => ({
      approvalType: s.approvalType,
      missing: s.requiredCount - s.decisions.filter(d => d.decision === 'approve').length,
    }));
}

function toSummary(request: StoredRequest): DeploymentRequestSummary {
  return {
    id: request.id,
    title: request.title,
    environment: request.environment,
    state: request.state,
    createdBy: request.createdBy,
    items: request.items.map(i => ({ ...i, productName: productNameOf(i.product) })),
    waitingOn: waitingOn(request),
    createdAt: request.createdAt,
    updatedAt: request.updatedAt,
  };
}

/**
 * Deployment requests: drafts, submission, approval slots decided by role with quorum,
 * pre/post steps, completion once everything is deployed, and the audit trail. The rules
 * live here; the store runs each change as one locked transaction.
 */
export class DeploymentRequestService {
  constructor(
    private readonly requests: DeploymentRequestStore,
    private readonly templates: TemplateStore,
    private readonly environments: EnvironmentStore,
    private readonly deployments: DeploymentStore,
    private readonly products: ProductCatalog,
    private readonly notifier: RequestNotifier,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async list(query: ListQuery, actor: Actor): Promise<Page<DeploymentRequestSummary>> {
    const page = query.page ?? 1;
    const perPage = query.per_page ?? DEFAULT_REQUESTS_PER_PAGE;
    let decidableBy: { user: string; criteria: any } | undefined;
    if (query.approvable) {
      const criteria = await actor.decideCriteria();
      if (criteria === false) return { items: [], total: 0, page, perPage, nextPage: null };
      decidableBy = { user: actor.userRef, criteria };
    }
    const { ids, total } = await this.requests.list({
      product: query.product ? this.products.refOf(query.product, 'product') : undefined,
      environment: query.environment,
      states: query.state ? [query.state] : undefined,
      createdBy: query.mine ? actor.userRef : undefined,
      decidableBy,
      offset: (page - 1) * perPage,
      limit: perPage,
    });
    const items = (await this.requests.getMany(ids)).map(toSummary);
    return { items, total, page, perPage, nextPage: page * perPage < total ? page + 1 : null };
  }

  async get(id: number, actor: Actor): Promise<DeploymentRequest> {
    return this.present(await this.require(id), actor);
  }

  async create(input: CreateInput, actor: Actor): Promise<DeploymentRequest> {
    this.requireCreator(actor);
    const contents = await this.validContents(input);
    await this.requireTemplateFor(input.templateId, contents.environment);
    const id = await this.requests.create(
      contents,
      { createdBy: actor.userRef, templateId: input.templateId ?? null, clonedFromId: null },
      this.stamp(),
    );
    await this.requests.mutate(id, this.stamp(), (_, m) =>
      m.audit({ actor: actor.userRef, action: 'created', after: { state: 'draft', ...contents } }),
    );
    return input.submit ? this.submit(id, actor) : this.get(id, actor);
  }

  async update(id: number, input: UpdateInput, actor: Actor): Promise<DeploymentRequest> {
    const current = await this.require(id);
    this.requireOwnerOrAdmin(current, actor, 'edit');
    const merged = await this.validContents({
      title: input.title ?? current.title,
      description: input.description ?? current.description,
      environment: input.environment ?? current.environment,
      items: input.items ?? current.items,
      approvalSlots: input.approvalSlots ?? current.slots,
      preSteps: input.preSteps ?? current.steps.filter(s => s.phase === 'pre').map(s => s.title),
      postSteps:
        input.postSteps ?? current.steps.filter(s => s.phase === 'post').map(s => s.title),
    });
    await this.requireTemplateFor(input.templateId, merged.environment);
    await this.mutate(id, async (locked, m) => {
      if (locked.state !== 'draft') {
        throw new ConflictError(
          `deployment request ${id} is ${describeState(locked.state)}; only drafts can be edited`,
        );
      }
      await m.replaceContents(merged, input.templateId);
      await m.audit({
        actor: actor.userRef,
        action: 'edited',
        before: { title: locked.title, environment: locked.environment },
        after: { title: merged.title, environment: merged.environment },
      });
    });
    return this.get(id, actor);
  }

  async submit(id: number, actor: Actor): Promise<DeploymentRequest> {
    const current = await this.require(id);
    this.requireOwnerOrAdmin(current, actor, 'submit');
    const environment = await this.environments.get(current.environment);
    const after = await this.mutate(id, async (locked, m) => {
      assertTransition(id, locked.state, 'in_progress', 'submitted');
      const submittedAt = this.stamp();
      await m.setState('in_progress', { submittedAt });
      await m.audit({
        actor: actor.userRef,
        action: 'submitted',
        before: { state: locked.state },
        after: { state: 'in_progress' },
      });
      // A request that asks for no approval is approved as soon as it is submitted.
      if (requestStateOf(locked.slots.map(s => s.state)) === 'approved') {
        await m.setState('approved', { resolvedAt: submittedAt });
        await m.audit({
          actor: actor.userRef,
          action: 'state_changed',
          before: { state: 'in_progress' },
          after: { state: 'approved' },
          comment: 'no approval slots',
        });
      }
      return m.reload();
    });
    if (after.state === 'approved') await this.notifier.requestResolved(after, actor.userRef);
    else await this.notifier.approvalNeeded(after, Boolean(environment?.allowSelfApproval));
    await this.notifier.changed(after, actor.userRef);
    return this.present(after, actor);
  }

  async cancel(id: number, actor: Actor): Promise<DeploymentRequest> {
    const current = await this.require(id);
    this.requireOwnerOrAdmin(current, actor, 'cancel');
    const after = await this.mutate(id, async (locked, m) => {
      assertTransition(id, locked.state, 'canceled', 'canceled');
      await m.setState('canceled', { resolvedAt: this.stamp() });
      await m.audit({
        actor: actor.userRef,
        action: 'canceled',
        before: { state: locked.state },
        after: { state: 'canceled' },
      });
      return m.reload();
    });
    await this.notifier.requestResolved(after, actor.userRef);
    await this.notifier.changed(after, actor.userRef);
    return this.present(after, actor);
  }

  /** "Address feedback and create new DR": the same contents as a new draft. */
  async clone(id: number, actor: Actor): Promise<DeploymentRequest> {
    this.requireCreator(actor);
    const source = await this.require(id);
    if (source.state === 'draft') {
      throw new ConflictError(`deployment request ${id} is a draft; edit it instead of cloning`);
    }
    const contents: RequestContents = {
      title: source.title,
      description: source.description,
      environment: source.environment,
      items: source.items.map(i => ({ product: i.product, version: i.version })),
      approvalSlots: source.slots.map(s => ({
        approvalType: s.approvalType,
        requiredCount: s.requiredCount,
      })),
      preSteps: source.steps.filter(s => s.phase === 'pre').map(s => s.title),
      postSteps: source.steps.filter(s => s.phase === 'post').map(s => s.title),
    };
    const newId = await this.requests.create(
      contents,
      { createdBy: actor.userRef, templateId: source.templateId, clonedFromId: id },
      this.stamp(),
    );
    await this.requests.mutate(newId, this.stamp(), (_, m) =>
      m.audit({ actor: actor.userRef, action: 'created', target: `clone of #${id}` }),
    );
    await this.requests.mutate(id, this.stamp(), (_, m) =>
      m.audit({ actor: actor.userRef, action: 'cloned', target: `new draft #${newId}` }),
    );
    return this.get(newId, actor);
  }

  async decide(
    id: number,
    slotId: number,
    input: { decision: 'approve' | 'reject'; comment?: string },
    actor: Actor,
  ): Promise<DeploymentRequest> {
    const current = await this.require(id);
    const slot = current.slots.find(s => s.id === slotId);
    if (!slot) throw new NotFoundError(`slot ${slotId} is not part of deployment request ${id}`);
    this.refuseDecisionByState(current, slot, actor);
    const reason = await this.decisionRefusal(current, slot, actor);
    if (reason) throw new NotAllowedError(reason);

    const outcome = await this.mutate(id, async (locked, m) => {
      const lockedSlot = locked.slots.find(s => s.id === slotId)!;
      // Checked again under the lock: a simultaneous decision may have just changed things.
      this.refuseDecisionByState(locked, lockedSlot, actor);
      const comment = input.comment?.trim() || null;
      await m.addDecision({
        slotId,
        decidedBy: actor.userRef,
        decision: input.decision,
        comment,
      });
      await m.audit({
        actor: actor.userRef,
        action: input.decision === 'approve' ? 'approved_slot' : 'rejected_slot',
        target: `slot ${slotId} (${lockedSlot.approvalType})`,
        comment,
      });
      const slotState = slotStateOf(lockedSlot.requiredCount, [
        ...lockedSlot.decisions,
        { decision: input.decision },
      ]);
      if (slotState !== lockedSlot.state) {
        await m.setSlotState(slotId, slotState);
        await m.audit({
          actor: actor.userRef,
          action: 'slot_resolved',
          target: `slot ${slotId} (${lockedSlot.approvalType})`,
          before: { state: lockedSlot.state },
          after: { state: slotState },
        });
      }
      const states = locked.slots.map(s => (s.id === slotId ? slotState : s.state));
      const requestState = requestStateOf(states);
      if (requestState !== locked.state) {
        await m.setState(requestState, { resolvedAt: this.stamp() });
        await m.audit({
          actor: actor.userRef,
          action: 'state_changed',
          before: { state: locked.state },
          after: { state: requestState },
        });
      }
      return {
        request: await m.reload(),
        slotResolved: slotState !== 'open' ? { ...lockedSlot, state: slotState } : undefined,
        comment,
      };
    });

    const after = outcome.request;
    if (outcome.slotResolved) {
      await this.notifier.slotResolved(after, outcome.slotResolved, actor.userRef, outcome.comment);
    }
    if (after.state !== 'in_progress') await this.notifier.requestResolved(after, actor.userRef);
    await this.notifier.changed(after, actor.userRef);
    return this.present(after, actor);
  }

  async completeStep(
    id: number,
    stepId: number,
    note: string | undefined,
    actor: Actor,
  ): Promise<DeploymentRequest> {
    const current = await this.require(id);
    const step = current.steps.find(s => s.id === stepId);
    if (!step) throw new NotFoundError(`step ${stepId} is not a step of deployment request ${id}`);
    const stateRefusal = this.stepStateRefusal(current, step);
    if (stateRefusal) throw new ConflictError(stateRefusal);
    if (!actor.canCompleteSteps) throw new NotAllowedError(this.stepPermissionRefusal(actor));

    await this.mutate(id, async (locked, m) => {
      const lockedStep = locked.steps.find(s => s.id === stepId)!;
      const refusal = this.stepStateRefusal(locked, lockedStep);
      if (refusal) throw new ConflictError(refusal);
      await m.completeStep(stepId, actor.userRef, note?.trim() || null);
      await m.audit({
        actor: actor.userRef,
        action: 'step_completed',
        target: `${lockedStep.phase}-step ${stepId}: ${lockedStep.title}`,
        comment: note?.trim() || null,
      });
    });
    const after = (await this.completeIfDone(id, actor.userRef)) ?? (await this.require(id));
    await this.notifier.changed(after, actor.userRef);
    return this.present(after, actor);
  }

  /** POST /complete: completes the request, or says with 409 what is still missing. */
  async complete(id: number, actor: Actor): Promise<DeploymentRequest> {
    const current = await this.require(id);
    this.requireOwnerOrAdmin(current, actor, 'complete', actor.canCompleteSteps);
    assertTransition(id, current.state, 'completed', 'completed');
    const blockers = await this.completionBlockers(current);
    if (blockers.length) {
      throw new ConflictError(`deployment request ${id} cannot be completed yet: ${blockers.join('; ')}`);
    }
    const after = await this.completeIfDone(id, actor.userRef);
    if (!after) throw new ConflictError(`deployment request ${id} cannot be completed yet`);
    await this.notifier.changed(after, actor.userRef);
    return this.present(after, actor);
  }

  async tasks(product: string | undefined, actor: Actor): Promise<TaskList> {
    const productRef = product ? this.products.refOf(product, 'product') : undefined;
    const criteria = await actor.decideCriteria();
    const slots =
      criteria === false
        ? []
        : await this.requests.decidableSlots(actor.userRef, criteria, productRef);
    const steps = actor.canCompleteSteps
      ? await this.requests.openSteps({
          createdBy: actor.canAdministerRequests ? undefined : actor.userRef,
          product: productRef,
        })
      : [];
    const requests = new Map(
      (
        await this.requests.getMany([
          ...new Set([...slots.map(s => s.requestId), ...steps.map(s => s.requestId)]),
        ])
      ).map(r => [r.id, r]),
    );
    const tasks: Task[] = [];
    for (const { slotId, requestId } of slots) {
      const request = requests.get(requestId)!;
      const slot = request.slots.find(s => s.id === slotId)!;
      tasks.push({
        kind: 'approval',
        request: toSummary(request),
        slot: {
          id: slot.id,
          approvalType: slot.approvalType,
          requiredCount: slot.requiredCount,
          approvals: slot.decisions.filter(d => d.decision === 'approve').length,
        },
      });
    }
    for (const { stepId, requestId } of steps) {
      const request = requests.get(requestId)!;
      const step = request.steps.find(s => s.id === stepId)!;
      tasks.push({
        kind: 'step',
        request: toSummary(request),
        step: { id: step.id, phase: step.phase, title: step.title },
      });
    }
    return {
      tasks,
      counts: { approvals: slots.length, steps: steps.length, total: tasks.length },
    };
  }

  /**
   * The deployment-request check of a deployment event: an event naming a request must be
   * for one of its items in its environment, and the request approved with its pre-steps
   * done (409 otherwise). An event that names none is held to the open request (approved
   * first) that lists its product version for its environment, if any. Returns the request
   * id to record.
   */
  async gateDeployment(event: {
    product: string;
    version: string;
    environment: string;
    deploymentRequestId: number | null;
  }): Promise<number | null> {
    // An event that names no request belongs to the open request that lists it, if any:
    // deploying what a request is still waiting to approve is refused the same way.
    const id =
      event.deploymentRequestId ??
      (await this.requests.findOpenFor(event.product, event.version, event.environment))[0];
    if (id === undefined) return null;
    const request = await this.requests.get(id);
    if (!request) throw new InputError(`deployment_request_id: no deployment request ${id}`);
    const covered = request.items.some(
      i => i.product === event.product && i.version === event.version,
    );
    if (!covered || request.environment !== event.environment) {
      throw new InputError(
        `deployment_request_id: deployment request ${id} covers ${request.items
          .map(i => `${productNameOf(i.product)} ${i.version}`)
          .join(', ')} to ${request.environment}, not ${productNameOf(event.product)} ${
          event.version
        } to ${event.environment}`,
      );
    }
    if (request.state !== 'approved') {
      throw new ConflictError(
        `deployment request ${id} is ${describeState(request.state)}; deployments need it approved`,
      );
    }
    const openPreSteps = request.steps.filter(s => s.phase === 'pre' && !s.completedAt);
    if (openPreSteps.length) {
      throw new ConflictError(
        `deployment request ${id} has pre-deployment steps to complete first: ${openPreSteps
          .map(s => s.title)
          .join(', ')}`,
      );
    }
    return id;
  }

  /** After a linked deployment changed: audit it, and complete the request when done. */
  async deploymentRecorded(deployment: {
    id: number;
    product: string;
    version: string;
    environment: string;
    status: string;
    deployment_request_id: number | null;
    deployed_by: string | null;
  }): Promise<void> {
    const id = deployment.deployment_request_id;
    if (!id) return;
    const actor = deployment.deployed_by ?? 'ci';
    await this.mutate(id, (_, m) =>
      m.audit({
        actor,
        action: 'deployment_recorded',
        target: `deployment ${deployment.id}: ${productNameOf(deployment.product)} ${
          deployment.version
        } → ${deployment.environment}`,
        after: { status: deployment.status },
      }),
    );
    const after = (await this.completeIfDone(id, actor)) ?? (await this.require(id));
    await this.notifier.changed(after, actor);
  }

  private async completeIfDone(id: number, actor: string): Promise<StoredRequest | undefined> {
    const current = await this.require(id);
    if (current.state !== 'approved' || (await this.completionBlockers(current)).length) {
      return undefined;
    }
    const after = await this.mutate(id, async (locked, m) => {
      if (locked.state !== 'approved') return undefined;
      await m.setState('completed', { completedAt: this.stamp() });
      await m.audit({
        actor,
        action: 'state_changed',
        before: { state: 'approved' },
        after: { state: 'completed' },
      });
      return m.reload();
    });
    if (after) await this.notifier.requestResolved(after, actor);
    return after;
  }

  /** What still stands between an approved request and Completed, in words. */
  private async completionBlockers(request: StoredRequest): Promise<string[]> {
    const blockers: string[] = [];
    const deployed = new Set(
      (await this.deployments.successfulForRequest(request.id, request.environment)).map(
        d => `${d.product}\n${d.version}`,
      ),
    );
    const missing = request.items.filter(i => !deployed.has(`${i.product}\n${i.version}`));
    if (missing.length) {
      blockers.push(
        `not yet deployed to ${request.environment}: ${missing
          .map(i => `${productNameOf(i.product)} ${i.version}`)
          .join(', ')}`,
      );
    }
    const open = request.steps.filter(s => !s.completedAt);
    if (open.length) blockers.push(`steps to complete: ${open.map(s => s.title).join(', ')}`);
    return blockers;
  }

  private refuseDecisionByState(
    request: StoredRequest,
    slot: StoredRequest['slots'][number],
    actor: Actor,
  ) {
    if (request.state !== 'in_progress') {
      throw new ConflictError(
        `deployment request ${request.id} is ${describeState(request.state)}; ` +
          'decisions are taken only while it is in progress',
      );
    }
    if (slot.decisions.some(d => d.decidedBy === actor.userRef)) {
      throw new ConflictError('you have already decided this approval slot');
    }
    if (slot.state !== 'open') {
      throw new ConflictError(`the ${slot.approvalType} slot is already ${slot.state}`);
    }
  }

  /** Why the policy refuses this person the slot, or undefined when it allows it. */
  private async decisionRefusal(
    request: StoredRequest,
    slot: StoredRequest['slots'][number],
    actor: Actor,
  ): Promise<string | undefined> {
    if ((await actor.mayDecide([slot.id])).has(slot.id)) return undefined;
    if (!approvalTypesOf(actor.roles).includes(slot.approvalType)) {
      return (
        `deciding a ${slot.approvalType} slot needs the role ${rolesDeciding(slot.approvalType).join(
          ' or ',
        )}; you have ${actor.roles.length ? actor.roles.join(', ') : 'no Shipgate role'}`
      );
    }
    if (request.createdBy === actor.userRef) {
      return `the creator of a deployment request cannot approve it in ${request.environment}`;
    }
    return 'the permission policy does not let you decide this slot';
  }

  private stepStateRefusal(
    request: StoredRequest,
    step: StoredRequest['steps'][number],
  ): string | undefined {
    if (step.completedAt) return `step ${step.id} is already complete`;
    const allowed: DeploymentRequestState[] =
      step.phase === 'pre' ? ['in_progress', 'approved'] : ['approved'];
    if (!allowed.includes(request.state)) {
      return step.phase === 'pre'
        ? `pre-deployment steps are completed once the request is submitted; it is ${describeState(request.state)}`
        : `post-deployment steps are completed once the request is approved; it is ${describeState(request.state)}`;
    }
    return undefined;
  }

  private stepPermissionRefusal(actor: Actor): string {
    return `completing steps is not allowed for your roles (${
      actor.roles.join(', ') || 'no Shipgate role'
    })`;
  }

  private async present(request: StoredRequest, actor: Actor): Promise<DeploymentRequest> {
    const [environments, latest, audit] = await Promise.all([
      this.environments.list(),
      this.deployments.latestForItems(request.items),
      this.requests.audit(request.id),
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
      ...toSummary(request),
      description: request.description,
      templateId: request.templateId,
      clonedFromId: request.clonedFromId,
      slots: request.slots,
      steps: request.steps,
      progress: { environments: environments.map(e => e.name), rows },
      audit,
      abilities: await this.abilities(request, actor),
      submittedAt: request.submittedAt,
      completedAt: request.completedAt,
    };
  }

  private async abilities(
    request: StoredRequest,
    actor: Actor,
  ): Promise<DeploymentRequestAbilities> {
    const owns = request.createdBy === actor.userRef || actor.canAdministerRequests;
    const decide: Record<number, string | null> = {};
    const allowed = await actor.mayDecide(request.slots.map(s => s.id));
    for (const slot of request.slots) {
      try {
        this.refuseDecisionByState(request, slot, actor);
        decide[slot.id] = allowed.has(slot.id)
          ? null
          : (await this.decisionRefusal(request, slot, actor)) ?? null;
      } catch (refusal) {
        decide[slot.id] = (refusal as Error).message;
      }
    }
    const completeStep: Record<number, string | null> = {};
    for (const step of request.steps) {
      completeStep[step.id] =
        this.stepStateRefusal(request, step) ??
        (actor.canCompleteSteps ? null : this.stepPermissionRefusal(actor));
    }
    return {
      edit: request.state === 'draft' && owns && actor.canCreateRequests,
      submit: request.state === 'draft' && owns && actor.canCreateRequests,
      cancel: ['draft', 'in_progress'].includes(request.state) && owns,
      complete:
        request.state === 'approved' &&
        (owns || actor.canCompleteSteps) &&
        (await this.completionBlockers(request)).length === 0,
      clone: ['rejected', 'canceled'].includes(request.state) && actor.canCreateRequests,
      decide,
      completeStep,
    };
  }

  private async validContents(input: RequestContents): Promise<RequestContents> {
    await requireEnvironment(this.environments, input.environment, 'environment');
    if (input.items.length === 0) {
      throw new InputError('items: add at least one product and version');
    }
    const items = [];
    const seen = new Set<string>();
    for (const [index, item] of input.items.entries()) {
      const product = await this.products.resolve(item.product, `items[${index}].product`);
      if (seen.has(product.entityRef)) {
        throw new InputError(`items[${index}].product: ${product.name} is listed twice`);
      }
      seen.add(product.entityRef);
      items.push({ product: product.entityRef, version: item.version.trim() });
    }
    for (const [index, slot] of input.approvalSlots.entries()) {
      if (!APPROVAL_TYPES.includes(slot.approvalType)) {
        throw new InputError(
          `approvalSlots[${index}].approvalType must be one of ${APPROVAL_TYPES.join(', ')}`,
        );
      }
      if (!Number.isInteger(slot.requiredCount) || slot.requiredCount < 1) {
        throw new InputError(`approvalSlots[${index}].requiredCount must be at least 1`);
      }
    }
    return {
      title: input.title.trim(),
      description: input.description,
      environment: input.environment,
      items,
      approvalSlots: input.approvalSlots.map(s => ({
        approvalType: s.approvalType,
        requiredCount: s.requiredCount,
      })),
      preSteps: input.preSteps,
      postSteps: input.postSteps,
    };
  }

  /** A chosen template must exist and apply to the request's environment. */
  private async requireTemplateFor(templateId: number | null | undefined, environment: string) {
    if (!templateId) return;
    const template = await this.templates.get(templateId);
    if (!template) throw new InputError(`templateId: no template ${templateId}`);
    if (template.environments.length && !template.environments.includes(environment)) {
      throw new InputError(
        `templateId: template '${template.name}' applies to ${template.environments.join(', ')}, not ${environment}`,
      );
    }
  }

  private requireCreator(actor: Actor) {
    if (!actor.canCreateRequests) {
      throw new NotAllowedError(
        `creating deployment requests is not allowed for your roles (${
          actor.roles.join(', ') || 'no Shipgate role'
        })`,
      );
    }
  }

  private requireOwnerOrAdmin(
    request: StoredRequest,
    actor: Actor,
    action: string,
    alsoAllowed = false,
  ) {
    if (request.createdBy !== actor.userRef && !actor.canAdministerRequests && !alsoAllowed) {
      throw new NotAllowedError(
        `only the creator of deployment request ${request.id} or an admin may ${action} it`,
      );
    }
  }

  private async require(id: number): Promise<StoredRequest> {
    const request = await this.requests.get(id);
    if (!request) throw new NotFoundError(`deployment request ${id} not found`);
    return request;
  }

  private async mutate<T>(
    id: number,
    work: (current: StoredRequest, m: RequestMutations) => Promise<T>,
  ): Promise<T> {
    const result = await this.requests.mutate(id, this.stamp(), work);
    if (result === undefined && !(await this.requests.get(id))) {
      throw new NotFoundError(`deployment request ${id} not found`);
    }
    return result as T;
  }

  private stamp() {
    return this.now().toISOString();
  }
}
