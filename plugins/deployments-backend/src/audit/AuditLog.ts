import { Knex } from 'knex';
import { AuditEvent } from '@shipgate/plugin-deployments-common';
import { Transaction } from '../database/transactions';
import { toIsoString } from '../database/timestamps';

/** What happened, by whom, to what: one append-only entry of a subject's trail. */
export interface AuditEntry {
  actor: string;
  action: string;
  target?: string | null;
  before?: unknown;
  after?: unknown;
  comment?: string | null;
}

/** The record an audit trail belongs to, e.g. `deployment_request` 12. */
export interface AuditSubject {
  type: string;
  id: number;
}

/**
 * The append-only audit trail of Shipgate's records. Entries are written in the
 * transaction of the change they describe, so there is never one without the other.
 */
export interface AuditLog {
  append(tx: Transaction, subject: AuditSubject, entry: AuditEntry, now: string): Promise<void>;
  /** Several entries of one change, in order, in one statement. */
  appendAll(tx: Transaction, subject: AuditSubject, entries: AuditEntry[], now: string): Promise<void>;
  list(subject: AuditSubject): Promise<AuditEvent[]>;
}

export class KnexAuditLog implements AuditLog {
  constructor(private readonly knex: Knex) {}

  append(tx: Transaction, subject: AuditSubject, entry: AuditEntry, now: string) {
    return this.appendAll(tx, subject, [entry], now);
  }

  async appendAll(tx: Transaction, subject: AuditSubject, entries: AuditEntry[], now: string) {
    if (entries.length === 0) return;
    await tx('audit_events').insert(
      entries.map(entry => ({
        subject_type: subject.type,
        subject_id: subject.id,
        actor: entry.actor,
        action: entry.action,
        target: entry.target ?? null,
        before: entry.before === undefined ? null : JSON.stringify(entry.before),
        after: entry.after === undefined ? null : JSON.stringify(entry.after),
        comment: entry.comment ?? null,
        created_at: now,
      })),
    );
  }

  async list(subject: AuditSubject): Promise<AuditEvent[]> {
    const rows = await this.knex('audit_events')
      .where({ subject_type: subject.type, subject_id: subject.id })
      .orderBy('id', 'asc');
    return rows.map(r => ({
      id: Number(r.id),
      actor: r.actor,
      action: r.action,
      target: r.target,
      before: r.before ? JSON.parse(r.before) : null,
      after: r.after ? JSON.parse(r.after) : null,
      comment: r.comment,
      createdAt: toIsoString(r.created_at),
    }));
  }
}
