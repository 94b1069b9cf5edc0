import { groupBy } from '../database/groupBy';
import { toIsoString } from '../database/timestamps';
import {
  RequestFields,
  RequestHead,
  RequestStep,
} from './DeploymentRequestRecord';

/* How requests, their items and steps are read back from rows. */

export type Row = Record<string, any>;

/** A request's own fields, from its row. */
export function toFields(r: Row): RequestFields {
  return {
    id: Number(r.id),
    title: r.title,
    description: r.description,
    environment: r.environment,
    state: r.state,
    createdBy: r.created_by,
    gatesUnnamedEvents: Boolean(r.gates_unnamed_events),
    templateId: r.template_id === null ? null : Number(r.template_id),
    clonedFromId: r.cloned_from_id === null ? null : Number(r.cloned_from_id),
    createdAt: toIsoString(r.created_at),
    updatedAt: toIsoString(r.updated_at),
    submittedAt: toIsoString(r.submitted_at),
    resolvedAt: toIsoString(r.resolved_at),
    completedAt: toIsoString(r.completed_at),
  };
}

/** Requests with their items, from their rows and their items' rows. */
export function toHeads(requests: Row[], items: Row[]): RequestHead[] {
  const itemsOf = groupBy(items, i => Number(i.request_id));
  return requests.map(r => {
    const fields = toFields(r);
    return {
      ...fields,
      items: (itemsOf.get(fields.id) ?? []).map(i => ({
        id: Number(i.id),
        product: i.product,
        version: i.version,
      })),
    };
  });
}

export function toStep(st: Row): RequestStep {
  return {
    id: Number(st.id),
    phase: st.phase,
    title: st.title,
    role: st.role ?? null,
    completedBy: st.completed_by,
    completedAt: toIsoString(st.completed_at),
    note: st.note,
  };
}

/** The requests found, in the order their ids were asked for. */
export function inOrderOf<T extends { id: number }>(
  ids: number[],
  found: T[],
): T[] {
  const byId = new Map(found.map(r => [r.id, r]));
  return ids.flatMap(id => (byId.has(id) ? [byId.get(id)!] : []));
}
