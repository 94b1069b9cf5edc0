import { ConflictError, InputError, NotAllowedError } from '@backstage/errors';
import {
  Environment,
  createDeploymentRequestSchema,
  updateDeploymentRequestSchema,
} from '@shipgate/plugin-deployments-common';
import { z } from 'zod';
import { ApprovalEngine } from '../approvals/ApprovalEngine';
import { Actor } from '../auth/Actor';
import { Transaction } from '../database/transactions';
import { EnvironmentStore } from '../environments/EnvironmentStore';
import { DeploymentRequestRecord, RequestContents, RequestRow } from './DeploymentRequestRecord';
import { DeploymentRequestStore, RequestMutations } from './DeploymentRequestStore';
import { assertTransition, describeState, requestStateOf } from './DeploymentRequestLifecycle';
import { RequestAudit } from './RequestAudit';
import { RequestCompletion } from './RequestCompletion';
import { RequestContentsValidator } from './RequestContentsValidator';
import { RequestNotifier } from './RequestNotifier';
import { RequestRecords } from './RequestRecords';
import { CLONEABLE_STATES, creatorRefusal, ownerRefusal } from './requestRefusals';
import { gatesUnnamedEvents } from './implicitGating';
import { PlannedSlot, SlotRules, ownSlotsOnly } from './SlotRules';

type CreateInput = z.output<typeof createDeploymentRequestSchema>;
type UpdateInput = z.output<typeof updateDeploymentRequestSchema>;

/** A request's steps of one phase, as definitions to write again. */
const stepsOf = (request: RequestRow, phase: 'pre' | 'post') =>
  request.steps.filter(s => s.phase === phase).map(({ title, role }) => ({ title, role }));

/** The slots a request asked for itself: those a rule added are the rule's to add again. */
const ownSlotsOf = (request: { slots: DeploymentRequestRecord['slots'] }) =>
  request.slots
    .filter(s => !s.fromRule)
    .map(({ approvalType, requiredCount }) => ({ approvalType, requiredCount }));

const refuseIf = (reason: string | undefined) => {
  if (reason) throw new NotAllowedError(reason);
};

/**
 * The lifecycle commands of deployment requests: create, edit a draft, submit, cancel,
 * clone and complete. Each change and its audit entry commit in one transaction; people
 * hear of it afterwards. Returns the request as stored; the caller presents it.
 */
export class RequestCommands {
  constructor(
    private readonly requests: DeploymentRequestStore,
    private readonly records: RequestRecords,
    private readonly approvals: ApprovalEngine,
    private readonly environments: EnvironmentStore,
    private readonly validator: RequestContentsValidator,
    private readonly completion: RequestCompletion,
    private readonly audit: RequestAudit,
    private readonly notifier: RequestNotifier,
    /** What deployment rules add to a request's slots. */
    private readonly slotRules: SlotRules = ownSlotsOnly,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async create(input: CreateInput, actor: Actor): Promise<DeploymentRequestRecord> {
    refuseIf(creatorRefusal(actor));
    const contents = await this.validator.valid(input);
    await this.validator.requireTemplateFor(input.templateId, contents.environment);
    const gates = gatesUnnamedEvents(actor, await this.validator.ownersOf(contents.items));
    // Read before the transaction: SQLite's one connection is the transaction's meanwhile.
    const environment = await this.environments.get(contents.environment);
    const planned = await this.plan(contents);
    const now = this.stamp();
    // Created and, when asked, submitted in one transaction: never a draft left behind.
    const id = await this.requests.transaction(async tx => {
      const newId = await this.requests.create(
        tx,
        contents,
        {
          createdBy: actor.userRef,
          templateId: input.templateId ?? null,
          clonedFromId: null,
          gatesUnnamedEvents: gates,
        },
        now,
      );
      await this.openSlots(tx, newId, actor.userRef, contents.environment, planned);
      await this.audit.append(
        tx,
        newId,
        { actor: actor.userRef, action: 'created', after: { state: 'draft', ...contents } },
        now,
      );
      if (input.submit) {
        await this.requests.mutate(
          newId,
          now,
          (locked, m) => this.submitIn(locked, m, now, actor, environment),
          tx,
        );
      }
      return newId;
    });
    const after = await this.records.require(id);
    if (input.submit) await this.announceSubmitted(after, actor, Boolean(environment?.allowSelfApproval));
    return after;
  }

  async update(id: number, input: UpdateInput, actor: Actor): Promise<DeploymentRequestRecord> {
    const current = await this.records.require(id);
    refuseIf(ownerRefusal(current, actor, 'edit'));
    const merged = await this.validator.valid({
      title: input.title ?? current.title,
      description: input.description ?? current.description,
      environment: input.environment ?? current.environment,
      items: input.items ?? current.items,
      slots: input.slots ?? ownSlotsOf(current),
      preSteps: input.preSteps ?? stepsOf(current, 'pre'),
      postSteps: input.postSteps ?? stepsOf(current, 'post'),
    });
    await this.validator.requireTemplateFor(input.templateId, merged.environment);
    // The editor (its creator or an admin) vouches for the products it now lists.
    const gates = gatesUnnamedEvents(actor, await this.validator.ownersOf(merged.items));
    const planned = await this.plan(merged);
    await this.mutate(id, async (locked, m, now) => {
      if (locked.state !== 'draft') {
        throw new ConflictError(
          `deployment request ${id} is ${describeState(locked.state)}; only drafts can be edited`,
        );
      }
      await m.replaceContents(merged, input.templateId, gates);
      await this.approvals.discard(m.tx, 'request_slot', id);
      await this.openSlots(m.tx, id, locked.createdBy, merged.environment, planned);
      await this.audit.append(
        m.tx,
        id,
        {
          actor: actor.userRef,
          action: 'edited',
          before: { title: locked.title, environment: locked.environment },
          after: { title: merged.title, environment: merged.environment },
        },
        now,
      );
    });
    return this.records.require(id);
  }

  async submit(id: number, actor: Actor): Promise<DeploymentRequestRecord> {
    const current = await this.records.require(id);
    refuseIf(ownerRefusal(current, actor, 'submit'));
    const environment = await this.environments.get(current.environment);
    // Rules may have changed since the draft was written: its rule slots are planned again.
    const planned = await this.plan({ ...current, slots: ownSlotsOf(current) });
    await this.mutate(id, (locked, m, now) => this.submitIn(locked, m, now, actor, environment, planned));
    const after = await this.records.require(id);
    await this.announceSubmitted(after, actor, Boolean(environment?.allowSelfApproval));
    return after;
  }

  /**
   * Submits the locked request in its transaction, with its audit entries. `replanned`: its
   * slots as the rules make them now. Fewer required approvals in total than the
   * environment's minimum (rule slots count) → 400, and nothing is written.
   */
  private async submitIn(
    locked: RequestRow,
    m: RequestMutations,
    now: string,
    actor: Actor,
    environment: Environment | undefined,
    replanned?: PlannedSlot[],
  ) {
    const id = locked.id;
    assertTransition(id, locked.state, 'in_progress', 'submitted');
    if (replanned) {
      await this.approvals.discard(m.tx, 'request_slot', id);
      await this.openSlots(m.tx, id, locked.createdBy, locked.environment, replanned);
    }
    const minimum = environment?.requiredApprovals ?? 0;
    const total = (await this.approvals.subjectsOf('request_slot', [id], m.tx))
      .flatMap(s => s.requirements)
      .reduce((sum, r) => sum + r.requiredCount, 0);
    if (total < minimum) {
      throw new InputError(
        `slots: ${locked.environment} needs at least ${minimum} required approval${
          minimum === 1 ? '' : 's'
        } in total (slots added by rules count); this request has ${total}`,
      );
    }
    await m.setState('in_progress', { submittedAt: now });
    await this.approvals.setActive(m.tx, 'request_slot', id, true);
    await this.audit.append(
      m.tx,
      id,
      { actor: actor.userRef, action: 'submitted', before: { state: locked.state }, after: { state: 'in_progress' } },
      now,
    );
    // A request that asks for no approval is approved as soon as it is submitted.
    const slots = await this.approvals.subjectsOf('request_slot', [id], m.tx);
    if (requestStateOf(slots.map(s => s.state)) === 'approved') {
      await m.setState('approved', { resolvedAt: now });
      await this.audit.append(
        m.tx,
        id,
        {
          actor: actor.userRef,
          action: 'state_changed',
          before: { state: 'in_progress' },
          after: { state: 'approved' },
          comment: 'no approval slots',
        },
        now,
      );
    }
  }

  /** After the commit: approvers or the requester hear of a submitted request. */
  private async announceSubmitted(after: DeploymentRequestRecord, actor: Actor, selfApprovalAllowed: boolean) {
    if (after.state === 'approved') await this.notifier.requestResolved(after, actor.userRef);
    else await this.notifier.approvalNeeded(after, selfApprovalAllowed);
    await this.notifier.changed(after, actor.userRef);
  }

  async cancel(id: number, actor: Actor): Promise<DeploymentRequestRecord> {
    const current = await this.records.require(id);
    refuseIf(ownerRefusal(current, actor, 'cancel'));
    await this.mutate(id, async (locked, m, now) => {
      assertTransition(id, locked.state, 'canceled', 'canceled');
      await m.setState('canceled', { resolvedAt: now });
      await this.approvals.setActive(m.tx, 'request_slot', id, false);
      await this.audit.append(
        m.tx,
        id,
        { actor: actor.userRef, action: 'canceled', before: { state: locked.state }, after: { state: 'canceled' } },
        now,
      );
    });
    const after = await this.records.require(id);
    await this.notifier.requestResolved(after, actor.userRef);
    await this.notifier.changed(after, actor.userRef);
    return after;
  }

  /** "Address feedback and create new DR": the same contents as a new draft. */
  async clone(id: number, actor: Actor): Promise<DeploymentRequestRecord> {
    refuseIf(creatorRefusal(actor));
    const source = await this.records.require(id);
    if (!CLONEABLE_STATES.includes(source.state)) {
      throw new ConflictError(
        `deployment request ${id} is ${describeState(source.state)}; only ${CLONEABLE_STATES.join(
          ' or ',
        )} requests can be cloned`,
      );
    }
    const contents: RequestContents = {
      title: source.title,
      description: source.description,
      environment: source.environment,
      items: source.items.map(i => ({ product: i.product, version: i.version })),
      slots: ownSlotsOf(source),
      preSteps: stepsOf(source, 'pre'),
      postSteps: stepsOf(source, 'post'),
    };
    const gates = gatesUnnamedEvents(actor, await this.validator.ownersOf(contents.items));
    const planned = await this.plan(contents);
    const now = this.stamp();
    const newId = await this.requests.transaction(async tx => {
      const created = await this.requests.create(
        tx,
        contents,
        {
          createdBy: actor.userRef,
          templateId: source.templateId,
          clonedFromId: id,
          gatesUnnamedEvents: gates,
        },
        now,
      );
      await this.openSlots(tx, created, actor.userRef, contents.environment, planned);
      await this.audit.append(tx, created, { actor: actor.userRef, action: 'created', target: `clone of #${id}` }, now);
      await this.audit.append(tx, id, { actor: actor.userRef, action: 'cloned', target: `new draft #${created}` }, now);
      return created;
    });
    return this.records.require(newId);
  }

  /** POST /complete: completes the request, or says with 409 what is still missing. */
  async complete(id: number, actor: Actor): Promise<DeploymentRequestRecord> {
    const current = await this.records.require(id);
    if (!actor.canCompleteSteps) refuseIf(ownerRefusal(current, actor, 'complete'));
    assertTransition(id, current.state, 'completed', 'completed');
    const blockers = await this.completion.blockers(current);
    if (blockers.length) {
      throw new ConflictError(`deployment request ${id} cannot be completed yet: ${blockers.join('; ')}`);
    }
    const after = await this.completion.completeIfDone(id, actor.userRef);
    if (!after) throw new ConflictError(`deployment request ${id} cannot be completed yet`);
    await this.notifier.changed(after, actor.userRef);
    return after;
  }

  /** Its own slots with what the rules that match it require. */
  private plan(contents: Pick<RequestContents, 'environment' | 'items' | 'slots'>) {
    return this.slotRules.plan(
      { environment: contents.environment, products: contents.items.map(i => i.product) },
      contents.slots,
    );
  }

  /** The request's approval slots, as subjects of the approvals engine. */
  private openSlots(tx: Transaction, id: number, requester: string, environment: string, slots: PlannedSlot[]) {
    return this.approvals.open(
      tx,
      slots.map((slot, position) => ({
        kind: 'request_slot',
        ownerId: id,
        position,
        requestedBy: requester,
        environment,
        active: false,
        requirements: [
          { approvalType: slot.approvalType, role: null, group: null, user: null, requiredCount: slot.requiredCount },
        ],
        fromRule: slot.fromRule,
        orderRank: slot.orderRank,
      })),
    );
  }

  private async mutate(
    id: number,
    work: (current: RequestRow, m: RequestMutations, now: string) => Promise<void>,
  ): Promise<void> {
    const now = this.stamp();
    const found = await this.requests.mutate(id, now, async (current, m) => {
      await work(current, m, now);
      return true;
    });
    // Found before, gone now: deleted meanwhile.
    if (!found) await this.records.require(id);
  }

  private stamp() {
    return this.now().toISOString();
  }
}
