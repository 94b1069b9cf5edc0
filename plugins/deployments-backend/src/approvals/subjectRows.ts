import { Knex } from 'knex';
import { toIsoString } from '../database/timestamps';
import { ApprovalSubject } from './ApprovalSubject';

type Row = Record<string, any>;

/*
 * A subject is read with its requirements and decisions in the same statement: each as one
 * JSON array text from a correlated subquery (ordered as the engine counts them), so reading
 * subjects is one round trip however many there are, inside a transaction too.
 */
const REQUIREMENT_FIELDS = [
  'id',
  'approval_type',
  'role',
  'group_ref',
  'user_ref',
  'required_count',
];
const DECISION_FIELDS = [
  'id',
  'requirement_id',
  'decided_by',
  'decision',
  'comment',
  'represented_as',
  'created_at',
];

function jsonArrayOf(
  pg: boolean,
  table: string,
  fields: string[],
  orderBy: string,
) {
  const pairs = fields.map(f => `'${f}', d.${f}`).join(', ');
  return pg
    ? `(select coalesce(json_agg(json_build_object(${pairs}) order by d.${orderBy}), '[]')::text ` +
        `from ${table} d where d.subject_id = s.id)`
    : `(select json_group_array(json_object(${pairs}) order by d.${orderBy}) ` +
        `from ${table} d where d.subject_id = s.id)`;
}

/** Both arrays as columns, in one dialect's SQL. */
const details = (pg: boolean) =>
  `${jsonArrayOf(
    pg,
    'approval_requirements',
    REQUIREMENT_FIELDS,
    'position',
  )} as requirements_json, ` +
  `${jsonArrayOf(
    pg,
    'approval_decisions',
    DECISION_FIELDS,
    'id',
  )} as decisions_json`;
const DETAILS = { pg: details(true), sqlite: details(false) };

/** Selects a subject query's columns with its requirements and decisions. */
export function withDetails(db: Knex, query: Knex.QueryBuilder) {
  return query.select(
    's.*',
    db.raw(db.client.config.client === 'pg' ? DETAILS.pg : DETAILS.sqlite),
  );
}

export function toSubject(r: Row): ApprovalSubject {
  const requirements: Row[] = JSON.parse(r.requirements_json ?? '[]');
  const decisions: Row[] = JSON.parse(r.decisions_json ?? '[]');
  return {
    id: Number(r.id),
    kind: r.kind,
    ownerId: Number(r.owner_id),
    position: Number(r.position),
    requestedBy: r.requested_by,
    environment: r.environment,
    state: r.state,
    active: Boolean(r.active),
    createdAt: toIsoString(r.created_at),
    fromRule:
      r.from_rule_id === null || r.from_rule_id === undefined
        ? null
        : { id: Number(r.from_rule_id), name: r.from_rule_name },
    orderRank:
      r.order_rank === null || r.order_rank === undefined
        ? null
        : Number(r.order_rank),
    requirements: requirements.map(q => ({
      id: Number(q.id),
      approvalType: q.approval_type,
      role: q.role,
      group: q.group_ref,
      user: q.user_ref,
      requiredCount: Number(q.required_count),
    })),
    decisions: decisions.map(d => ({
      id: Number(d.id),
      requirementId:
        d.requirement_id === null ? null : Number(d.requirement_id),
      decidedBy: d.decided_by,
      decision: d.decision,
      comment: d.comment,
      representedAs: d.represented_as,
      createdAt: toIsoString(d.created_at),
    })),
  };
}
