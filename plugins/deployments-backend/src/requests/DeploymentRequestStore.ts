import { Knex } from 'knex';
import {
  ApprovalDecisionValue,
  ApprovalSlotState,
  ApprovalType,
  AuditEvent,
  DeploymentRequestState,
  StepPhase,
  OPEN_DEPLOYMENT_REQUEST_STATES,
} from '@shipgate/plugin-deployments-common';
import { PermissionCriteria } from '@backstage/plugin-permission-common';
import { ApprovalSlotFilter, ApprovalSlotResource } from '@shipgate/plugin-deployments-node';
import { lockForUpdate } from './migrateDatabase';
import { toIsoString } from './timestamps';

/** A deployment request as stored, with everything that belongs to it. */
export interface StoredRequest {
  id: number;
  title: string;
  description: string;
  environment: string;
  state: DeploymentRequestState;
  createdBy: string;
  templateId: number | null;
  clonedFromId: number | null;
  createdAt: string;
  updatedAt: string;
  submittedAt: string | null;
  resolvedAt: string | null;
  completedAt: string | null;
  items: Array<{ id: number; product: string; version: string }>;
  slots: Array<{
    id: number;
    approvalType: ApprovalType;
    requiredCount: number;
    state: ApprovalSlotState;
    decisions: Array<{
      id: number;
      decidedBy: string;
      decision: ApprovalDecisionValue;
      comment: string | null;
      createdAt: string;
    }>;
  }>;
  steps: Array<{
    id: number;
    phase: StepPhase;
    title: string;
    completedBy: string | null;
    completedAt: string | null;
    note: string | null;
  }>;
}

/** The editable contents of a request (a draft's fields). */
export interface RequestContents {
  title: string;
  description: string;
  environment: string;
  items: Array<{ product: string; version: string }>;
  approvalSlots: Array<{ approvalType: ApprovalType; requiredCount: number }>;
  preSteps: string[];
  postSteps: string[];
}

export interface AuditEntry {
  actor: string;
  action: string;
  target?: string | null;
  before?: unknown;
  after?: unknown;
  comment?: string | null;
}


/** What a unit of work may change on a locked request. */
export interface RequestMutations {
  setState(
    state: DeploymentRequestState,
    timestamps?: { submittedAt?: string; resolvedAt?: string; completedAt?: string },
  ): Promise<void>;
  replaceContents(contents: RequestContents, templateId?: number | null): Promise<void>;
  addDecision(decision: {
    slotId: number;
    decidedBy: string;
    decision: ApprovalDecisionValue;
    comment: string | null;
  }): Promise<void>;
  setSlotState(slotId: number, state: ApprovalSlotState): Promise<void>;
  completeStep(stepId: number, completedBy: string, note: string | null): Promise<void>;
  audit(entry: AuditEntry): Promise<void>;
  /** The request as it is now inside the transaction. */
  reload(): Promise<StoredRequest>;
}

export interface RequestListFilter {
  product?: string;
  environment?: string;
  states?: DeploymentRequestState[];
  createdBy?: string;
  /** Only requests with an open slot that passes this filter and the caller has not decided. */
  decidableBy?: { user: string; criteria: PermissionCriteria<ApprovalSlotFilter> | true };
  offset: number;
  limit: number;
}

/** A slot someone can decide, with the request it belongs to. */
export interface DecidableSlot {
  slotId: number;
  requestId: number;
}

export interface DeploymentRequestStore {
  create(
    contents: RequestContents,
    meta: { createdBy: string; templateId: number | null; clonedFromId: number | null },
    now: string,
  ): Promise<number>;
  get(id: number): Promise<StoredRequest | undefined>;
  getMany(ids: number[]): Promise<StoredRequest[]>;
  list(filter: RequestListFilter): Promise<{ ids: number[]; total: number }>;
  /**
   * Runs `work` on the request with its row locked, in one transaction: concurrent units of
   * work on one request run one after the other. Returns undefined when there is no request.
   */
  mutate<T>(
    id: number,
    now: string,
    work: (current: StoredRequest, mutations: RequestMutations) => Promise<T>,
  ): Promise<T | undefined>;
  audit(id: number): Promise<AuditEvent[]>;
  /** Open slots of in-progress requests that pass the filter and `user` has not decided. */
  decidableSlots(
    user: string,
    criteria: PermissionCriteria<ApprovalSlotFilter> | true,
    product?: string,
  ): Promise<DecidableSlot[]>;
  /** Open steps of active requests (pre: in progress or approved; post: approved). */
  openSteps(scope: { createdBy?: string; product?: string }): Promise<
    Array<{ stepId: number; requestId: number }>
  >;
  /** Slot resources for the permission framework, with their environment's self-approval rule. */
  slotResources(slotIds: number[]): Promise<ApprovalSlotResource[]>;
  /** Open requests (approved first, then newest) that list this product version for this environment. */
  findOpenFor(product: string, version: string, environment: string): Promise<number[]>;
}

type Row = Record<string, any>;

function json<T>(value: string | null, fallback: T): T {
  return value ? (JSON.parse(value) as T) : fallback;
}

/** Translates a permission condition tree into SQL on `approval_slots as s` ⋈ `r`. */
function applySlotCriteria(
  builder: Knex.QueryBuilder,
  criteria: PermissionCriteria<ApprovalSlotFilter>,
  knex: Knex,
): void {
  if ('allOf' in criteria) {
    builder.where(b => criteria.allOf.forEach(c => b.andWhere(bb => applySlotCriteria(bb, c, knex))));
  } else if ('anyOf' in criteria) {
    builder.where(b => criteria.anyOf.forEach(c => b.orWhere(bb => applySlotCriteria(bb, c, knex))));
  } else if ('not' in criteria) {
    builder.whereNot(b => applySlotCriteria(b, criteria.not, knex));
  } else if ('approvalTypes' in criteria) {
    builder.whereIn('s.approval_type', criteria.approvalTypes);
  } else {
    builder.where(b =>
      b
        .whereNot('r.created_by', criteria.notRequester)
        .orWhereExists(
          knex('environments as e')
            .whereRaw('e.name = r.environment')
            .andWhere('e.allow_self_approval', true),
        ),
    );
  }
}

export class KnexDeploymentRequestStore implements DeploymentRequestStore {
  constructor(private readonly knex: Knex) {}

  async create(
    contents: RequestContents,
    meta: { createdBy: string; templateId: number | null; clonedFromId: number | null },
    now: string,
  ): Promise<number> {
    return this.knex.transaction(async tx => {
      const [inserted] = await tx('deployment_requests').insert(
        {
          title: contents.title,
          description: contents.description,
          environment: contents.environment,
          state: 'draft',
          created_by: meta.createdBy,
          template_id: meta.templateId,
          cloned_from_id: meta.clonedFromId,
          created_at: now,
          updated_at: now,
        },
        ['id'],
      );
      const id = Number(typeof inserted === 'object' ? inserted.id : inserted);
      await this.writeContents(tx, id, contents);
      return id;
    });
  }

  async get(id: number): Promise<StoredRequest | undefined> {
    const [request] = await this.load(this.knex, [id]);
    return request;
  }

  async getMany(ids: number[]): Promise<StoredRequest[]> {
    if (ids.length === 0) return [];
    const byId = new Map((await this.load(this.knex, ids)).map(r => [r.id, r]));
    return ids.flatMap(id => (byId.has(id) ? [byId.get(id)!] : []));
  }

  async list(filter: RequestListFilter): Promise<{ ids: number[]; total: number }> {
    const query = this.knex('deployment_requests as r');
    if (filter.environment) query.where('r.environment', filter.environment);
    if (filter.states?.length) query.whereIn('r.state', filter.states);
    if (filter.createdBy) query.where('r.created_by', filter.createdBy);
    if (filter.product) {
      query.whereExists(
        this.knex('deployment_request_items as i')
          .whereRaw('i.request_id = r.id')
          .andWhere('i.product', filter.product),
      );
    }
    if (filter.decidableBy) {
      const { user, criteria } = filter.decidableBy;
      query
        .where('r.state', 'in_progress')
        .whereIn('r.id', this.decidableSlotQuery(user, criteria).select('s.request_id'));
    }
    const [rows, [{ count }]] = await Promise.all([
      query
        .clone()
        .select('r.id')
        .orderBy('r.id', 'desc')
        .offset(filter.offset)
        .limit(filter.limit),
      query.clone().count({ count: '*' }),
    ]);
    return { ids: rows.map(r => Number(r.id)), total: Number(count) };
  }

  async mutate<T>(
    id: number,
    now: string,
    work: (current: StoredRequest, mutations: RequestMutations) => Promise<T>,
  ): Promise<T | undefined> {
    return this.knex.transaction(async tx => {
      const locked = await lockForUpdate(tx, tx('deployment_requests').where({ id }).first());
      if (!locked) return undefined;
      const [current] = await this.load(tx, [id]);
      const touch = () => tx('deployment_requests').where({ id }).update({ updated_at: now });
      const mutations: RequestMutations = {
        setState: async (state, timestamps = {}) => {
          await tx('deployment_requests')
            .where({ id })
            .update({
              state,
              updated_at: now,
              ...(timestamps.submittedAt ? { submitted_at: timestamps.submittedAt } : {}),
              ...(timestamps.resolvedAt ? { resolved_at: timestamps.resolvedAt } : {}),
              ...(timestamps.completedAt ? { completed_at: timestamps.completedAt } : {}),
            });
        },
        replaceContents: async (contents, templateId) => {
          await tx('deployment_requests')
            .where({ id })
            .update({
              title: contents.title,
              description: contents.description,
              environment: contents.environment,
              ...(templateId !== undefined ? { template_id: templateId } : {}),
              updated_at: now,
            });
          await tx('deployment_request_items').where({ request_id: id }).delete();
          await tx('approval_slots').where({ request_id: id }).delete();
          await tx('deployment_request_steps').where({ request_id: id }).delete();
          await this.writeContents(tx, id, contents);
        },
        addDecision: async decision => {
          await tx('approval_decisions').insert({
            slot_id: decision.slotId,
            request_id: id,
            decided_by: decision.decidedBy,
            decision: decision.decision,
            comment: decision.comment,
            created_at: now,
          });
          await touch();
        },
        setSlotState: async (slotId, state) => {
          await tx('approval_slots').where({ id: slotId, request_id: id }).update({ state });
        },
        completeStep: async (stepId, completedBy, note) => {
          await tx('deployment_request_steps')
            .where({ id: stepId, request_id: id })
            .update({ completed_by: completedBy, completed_at: now, note });
          await touch();
        },
        audit: async entry => {
          await tx('audit_events').insert({
            subject_type: 'deployment_request',
            subject_id: id,
            actor: entry.actor,
            action: entry.action,
            target: entry.target ?? null,
            before: entry.before === undefined ? null : JSON.stringify(entry.before),
            after: entry.after === undefined ? null : JSON.stringify(entry.after),
            comment: entry.comment ?? null,
            created_at: now,
          });
        },
        reload: async () => (await this.load(tx, [id]))[0],
      };
      return work(current, mutations);
    });
  }

  async audit(id: number): Promise<AuditEvent[]> {
    const rows = await this.knex('audit_events')
      .where({ subject_type: 'deployment_request', subject_id: id })
      .orderBy('id', 'asc');
    return rows.map(r => ({
      id: Number(r.id),
      actor: r.actor,
      action: r.action,
      target: r.target,
      before: json(r.before, null),
      after: json(r.after, null),
      comment: r.comment,
      createdAt: toIsoString(r.created_at),
    }));
  }

  async decidableSlots(
    user: string,
    criteria: PermissionCriteria<ApprovalSlotFilter> | true,
    product?: string,
  ): Promise<DecidableSlot[]> {
    const query = this.decidableSlotQuery(user, criteria)
      .select('s.id as slot_id', 's.request_id')
      .where('r.state', 'in_progress')
      .orderBy('s.request_id', 'asc')
      .orderBy('s.position', 'asc')
      .limit(500);
    if (product) {
      query.whereExists(
        this.knex('deployment_request_items as i')
          .whereRaw('i.request_id = r.id')
          .andWhere('i.product', product),
      );
    }
    const rows = await query;
    return rows.map(r => ({ slotId: Number(r.slot_id), requestId: Number(r.request_id) }));
  }

  async openSteps(scope: { createdBy?: string; product?: string }) {
    const query = this.knex('deployment_request_steps as st')
      .join('deployment_requests as r', 'r.id', 'st.request_id')
      .whereNull('st.completed_at')
      .where(b =>
        b
          .where(bb => bb.where('st.phase', 'pre').whereIn('r.state', ['in_progress', 'approved']))
          .orWhere(bb => bb.where('st.phase', 'post').where('r.state', 'approved')),
      )
      .select('st.id as step_id', 'st.request_id')
      .orderBy('st.request_id', 'asc')
      .orderBy('st.position', 'asc')
      .limit(500);
    if (scope.createdBy) query.where('r.created_by', scope.createdBy);
    if (scope.product) {
      query.whereExists(
        this.knex('deployment_request_items as i')
          .whereRaw('i.request_id = r.id')
          .andWhere('i.product', scope.product),
      );
    }
    const rows = await query;
    return rows.map(r => ({ stepId: Number(r.step_id), requestId: Number(r.request_id) }));
  }

  async slotResources(slotIds: number[]) {
    if (slotIds.length === 0) return [];
    const rows = await this.knex('approval_slots as s')
      .join('deployment_requests as r', 'r.id', 's.request_id')
      .leftJoin('environments as e', 'e.name', 'r.environment')
      .whereIn('s.id', slotIds)
      .select('s.id', 's.request_id', 's.approval_type', 'r.created_by', 'e.allow_self_approval');
    return rows.map(r => ({
      slotId: Number(r.id),
      requestId: Number(r.request_id),
      approvalType: r.approval_type as ApprovalType,
      requester: r.created_by,
      allowSelfApproval: Boolean(r.allow_self_approval),
    }));
  }

  async findOpenFor(product: string, version: string, environment: string) {
    const rows = await this.knex('deployment_requests as r')
      .join('deployment_request_items as i', 'i.request_id', 'r.id')
      .whereIn('r.state', OPEN_DEPLOYMENT_REQUEST_STATES)
      .where({ 'r.environment': environment, 'i.product': product, 'i.version': version })
      .select('r.id')
      .orderByRaw("case when r.state = 'approved' then 0 else 1 end")
      .orderBy('r.id', 'desc');
    return rows.map(r => Number(r.id));
  }

  private decidableSlotQuery(user: string, criteria: PermissionCriteria<ApprovalSlotFilter> | true) {
    const knex = this.knex;
    const query = knex('approval_slots as s')
      .join('deployment_requests as r', 'r.id', 's.request_id')
      .where('s.state', 'open')
      .whereNotExists(
        knex('approval_decisions as d')
          .whereRaw('d.slot_id = s.id')
          .andWhere('d.decided_by', user),
      );
    if (criteria !== true) query.where(b => applySlotCriteria(b, criteria, knex));
    return query;
  }

  private async writeContents(tx: Knex, id: number, contents: RequestContents) {
    if (contents.items.length) {
      await tx('deployment_request_items').insert(
        contents.items.map((item, position) => ({ request_id: id, ...item, position })),
      );
    }
    if (contents.approvalSlots.length) {
      await tx('approval_slots').insert(
        contents.approvalSlots.map((slot, position) => ({
          request_id: id,
          approval_type: slot.approvalType,
          required_count: slot.requiredCount,
          state: 'open',
          position,
        })),
      );
    }
    const steps = [
      ...contents.preSteps.map(title => ({ phase: 'pre', title })),
      ...contents.postSteps.map(title => ({ phase: 'post', title })),
    ];
    if (steps.length) {
      await tx('deployment_request_steps').insert(
        steps.map((step, position) => ({ request_id: id, ...step, position })),
      );
    }
  }

  /** Loads requests with their items, slots, decisions and steps: five queries in all. */
  private async load(db: Knex, ids: number[]): Promise<StoredRequest[]> {
    const [requests, items, slots, decisions, steps] = await Promise.all([
      db('deployment_requests').whereIn('id', ids),
      db('deployment_request_items').whereIn('request_id', ids).orderBy('position'),
      db('approval_slots').whereIn('request_id', ids).orderBy('position'),
      db('approval_decisions').whereIn('request_id', ids).orderBy('id'),
      db('deployment_request_steps').whereIn('request_id', ids).orderBy('position'),
    ]);
    const group = (rows: Row[], key: string) => {
      const map = new Map<number, Row[]>();
      rows.forEach(row => {
        const k = Number(row[key]);
        map.set(k, [...(map.get(k) ?? []), row]);
      });
      return map;
    };
    const itemsOf = group(items, 'request_id');
    const slotsOf = group(slots, 'request_id');
    const decisionsOf = group(decisions, 'slot_id');
    const stepsOf = group(steps, 'request_id');
    return requests.map((r: Row) => {
      const id = Number(r.id);
      return {
        id,
        title: r.title,
        description: r.description,
        environment: r.environment,
        state: r.state,
        createdBy: r.created_by,
        templateId: r.template_id === null ? null : Number(r.template_id),
        clonedFromId: r.cloned_from_id === null ? null : Number(r.cloned_from_id),
        createdAt: toIsoString(r.created_at),
        updatedAt: toIsoString(r.updated_at),
        submittedAt: toIsoString(r.submitted_at),
        resolvedAt: toIsoString(r.resolved_at),
        completedAt: toIsoString(r.completed_at),
        items: (itemsOf.get(id) ?? []).map(i => ({
          id: Number(i.id),
          product: i.product,
          version: i.version,
        })),
        slots: (slotsOf.get(id) ?? []).map(s => ({
          id: Number(s.id),
          approvalType: s.approval_type,
          requiredCount: Number(s.required_count),
          state: s.state,
          decisions: (decisionsOf.get(Number(s.id)) ?? []).map(d => ({
            id: Number(d.id),
            decidedBy: d.decided_by,
            decision: d.decision,
            comment: d.comment,
            createdAt: toIsoString(d.created_at),
          })),
        })),
        steps: (stepsOf.get(id) ?? []).map(st => ({
          id: Number(st.id),
          phase: st.phase,
          title: st.title,
          completedBy: st.completed_by,
          completedAt: toIsoString(st.completed_at),
          note: st.note,
        })),
      };
    });
  }
}
