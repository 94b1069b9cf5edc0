import { Knex } from 'knex';
import { PermissionCriteria } from '@backstage/plugin-permission-common';
import { ApprovalSubjectFilter } from '@shipgate/plugin-deployments-node';
import { Transaction, lockForUpdate } from '../database/transactions';
import {
  ApprovalDecisionRecord,
  ApprovalSubject,
  ApprovalSubjectKind,
  ApprovalSubjectState,
  ApprovalTally,
  NewApprovalSubject,
} from './ApprovalSubject';
import { applySubjectCriteria } from './subjectCriteria';
import { toSubject, withDetails } from './subjectRows';

/** Which subjects a person could decide now: open, active, not yet decided by them. */
export interface DecidableQuery {
  user: string;
  criteria: PermissionCriteria<ApprovalSubjectFilter> | true;
  kind: ApprovalSubjectKind;
  /** Only subjects of these owners (e.g. the requests of one product). */
  ownerIds?: number[];
  /** Environments where the requester may approve their own subject. */
  selfApprovalEnvironments: string[];
  limit: number;
}

/** Which subjects name a person in their requirements (role, group, user), undecided by them. */
export interface FillableQuery {
  kind: ApprovalSubjectKind;
  user: string;
  roles: string[];
  /** Lower-cased: group refs are compared without case. */
  ownershipRefs: string[];
  selfApprovalEnvironments: string[];
  limit: number;
}

export interface ApprovalStore {
  /** Runs `work` in one transaction (decide: lock, check, write, report to the owner). */
  transaction<T>(work: (tx: Transaction) => Promise<T>): Promise<T>;
  /** Creates subjects with their requirements; returns their ids in order. */
  create(
    tx: Transaction,
    subjects: NewApprovalSubject[],
    now: string,
  ): Promise<number[]>;
  /** Removes an owner's subjects with their requirements and decisions (a draft's edit). */
  deleteOwned(
    tx: Transaction,
    kind: ApprovalSubjectKind,
    ownerId: number,
  ): Promise<void>;
  /** An owner's subjects in order, in `tx` when given. */
  listOwned(
    kind: ApprovalSubjectKind,
    ownerIds: number[],
    tx?: Transaction,
  ): Promise<ApprovalSubject[]>;
  /** The owners' subjects in order, counted (`ApprovalTally`): what lists show of them. */
  tallies(kind: ApprovalSubjectKind, ownerIds: number[]): Promise<ApprovalTally[]>;
  get(id: number, tx?: Transaction): Promise<ApprovalSubject | undefined>;
  getMany(ids: number[]): Promise<ApprovalSubject[]>;
  /** Locks the subject's row for the rest of `tx` and reads it. */
  lock(tx: Transaction, id: number): Promise<ApprovalSubject | undefined>;
  addDecision(
    tx: Transaction,
    subjectId: number,
    decision: Omit<ApprovalDecisionRecord, 'id' | 'createdAt'>,
    now: string,
  ): Promise<void>;
  setState(
    tx: Transaction,
    subjectId: number,
    state: ApprovalSubjectState,
  ): Promise<void>;
  /** Opens or closes all of an owner's subjects to decisions. */
  setActive(
    tx: Transaction,
    kind: ApprovalSubjectKind,
    ownerId: number,
    active: boolean,
  ): Promise<void>;
  decidable(
    query: DecidableQuery,
  ): Promise<Array<{ subjectId: number; ownerId: number }>>;
  /** Owners of a kind whose subjects in an environment still wait (open and active). */
  waitingOwnersIn(
    kind: ApprovalSubjectKind,
    environment: string,
  ): Promise<number[]>;
  fillable(
    query: FillableQuery,
  ): Promise<Array<{ subjectId: number; ownerId: number }>>;
}

export class KnexApprovalStore implements ApprovalStore {
  constructor(private readonly knex: Knex) {}

  transaction<T>(work: (tx: Transaction) => Promise<T>): Promise<T> {
    return this.knex.transaction(work);
  }

  async create(
    tx: Transaction,
    subjects: NewApprovalSubject[],
    now: string,
  ): Promise<number[]> {
    const ids: number[] = [];
    for (const subject of subjects) {
      const [inserted] = await tx('approval_subjects').insert(
        {
          kind: subject.kind,
          owner_id: subject.ownerId,
          position: subject.position,
          requested_by: subject.requestedBy,
          environment: subject.environment,
          state: 'open',
          active: subject.active,
          created_at: now,
          from_rule_id: subject.fromRule?.id ?? null,
          from_rule_name: subject.fromRule?.name ?? null,
          order_rank: subject.orderRank ?? null,
        },
        ['id'],
      );
      const id = Number(typeof inserted === 'object' ? inserted.id : inserted);
      if (subject.requirements.length) {
        await tx('approval_requirements').insert(
          subject.requirements.map((r, position) => ({
            subject_id: id,
            approval_type: r.approvalType,
            role: r.role,
            group_ref: r.group,
            user_ref: r.user,
            required_count: r.requiredCount,
            position,
          })),
        );
      }
      ids.push(id);
    }
    return ids;
  }

  async deleteOwned(
    tx: Transaction,
    kind: ApprovalSubjectKind,
    ownerId: number,
  ) {
    // Requirements and decisions go with their subject (ON DELETE CASCADE); SQLite enforces
    // that only with foreign keys on, so they are removed explicitly too.
    const ids = tx('approval_subjects')
      .where({ kind, owner_id: ownerId })
      .select('id');
    await tx('approval_decisions').whereIn('subject_id', ids.clone()).delete();
    await tx('approval_requirements')
      .whereIn('subject_id', ids.clone())
      .delete();
    await tx('approval_subjects').where({ kind, owner_id: ownerId }).delete();
  }

  async listOwned(
    kind: ApprovalSubjectKind,
    ownerIds: number[],
    tx?: Transaction,
  ) {
    if (ownerIds.length === 0) return [];
    const db = tx ?? this.knex;
    const rows = await withDetails(db, db('approval_subjects as s'))
      .where({ 's.kind': kind })
      .whereIn('s.owner_id', ownerIds)
      .orderBy([
        { column: 's.owner_id' },
        { column: 's.position' },
        { column: 's.id' },
      ]);
    return rows.map(toSubject);
  }

  async tallies(kind: ApprovalSubjectKind, ownerIds: number[]) {
    if (ownerIds.length === 0) return [];
    // A row per requirement, its subject's approvals counted beside it: no JSON to build
    // or parse, which is most of what reading subjects whole costs in a list of hundreds.
    const rows = await this.knex('approval_subjects as s')
      .join('approval_requirements as q', 'q.subject_id', 's.id')
      .where({ 's.kind': kind })
      .whereIn('s.owner_id', ownerIds)
      .select('s.id', 's.owner_id', 's.state', 'q.approval_type', 'q.required_count')
      .select(
        this.knex('approval_decisions as d')
          .count('*')
          .whereRaw('d.subject_id = s.id')
          .andWhere('d.decision', 'approve')
          .as('approvals'),
      )
      .orderBy([
        { column: 's.owner_id' },
        { column: 's.position' },
        { column: 's.id' },
        { column: 'q.position' },
      ]);
    const tallies: ApprovalTally[] = [];
    for (const row of rows) {
      const id = Number(row.id);
      let tally = tallies[tallies.length - 1];
      if (tally?.id !== id) {
        tally = {
          id,
          ownerId: Number(row.owner_id),
          state: row.state,
          requirements: [],
          approvals: Number(row.approvals),
        };
        tallies.push(tally);
      }
      tally.requirements.push({
        approvalType: row.approval_type,
        requiredCount: Number(row.required_count),
      });
    }
    return tallies;
  }

  async get(id: number, tx?: Transaction) {
    const db = tx ?? this.knex;
    const [row] = await withDetails(db, db('approval_subjects as s')).where({
      's.id': id,
    });
    return row ? toSubject(row) : undefined;
  }

  async getMany(ids: number[]) {
    if (ids.length === 0) return [];
    const rows = await withDetails(
      this.knex,
      this.knex('approval_subjects as s'),
    ).whereIn('s.id', ids);
    return rows.map(toSubject);
  }

  async lock(tx: Transaction, id: number) {
    const locked = await lockForUpdate(
      tx,
      tx('approval_subjects').where({ id }).first('id'),
    );
    // Read once the lock is held, in a statement of its own: on PostgreSQL a statement that
    // waited for the lock still sees, in its subqueries, the decisions as they were when it
    // started, and would miss the one that the holder of the lock just committed.
    return locked ? this.get(id, tx) : undefined;
  }

  async addDecision(
    tx: Transaction,
    subjectId: number,
    decision: Omit<ApprovalDecisionRecord, 'id' | 'createdAt'>,
    now: string,
  ) {
    await tx('approval_decisions').insert({
      subject_id: subjectId,
      requirement_id: decision.requirementId,
      decided_by: decision.decidedBy,
      decision: decision.decision,
      comment: decision.comment,
      represented_as: decision.representedAs,
      created_at: now,
    });
  }

  async setState(
    tx: Transaction,
    subjectId: number,
    state: ApprovalSubjectState,
  ) {
    await tx('approval_subjects').where({ id: subjectId }).update({ state });
  }

  async setActive(
    tx: Transaction,
    kind: ApprovalSubjectKind,
    ownerId: number,
    active: boolean,
  ) {
    await tx('approval_subjects')
      .where({ kind, owner_id: ownerId })
      .update({ active });
  }

  async waitingOwnersIn(kind: ApprovalSubjectKind, environment: string) {
    const rows = await this.knex('approval_subjects')
      .where({ kind, environment, state: 'open', active: true })
      .distinct('owner_id')
      .orderBy('owner_id');
    return rows.map(r => Number(r.owner_id));
  }

  async decidable(query: DecidableQuery) {
    const knex = this.knex;
    const builder = knex('approval_subjects as s')
      .where({ 's.kind': query.kind, 's.active': true, 's.state': 'open' })
      .whereNotExists(
        knex('approval_decisions as d')
          .whereRaw('d.subject_id = s.id')
          .andWhere('d.decided_by', query.user),
      )
      // Nor those an approval order holds: a lower rank of the same owner not approved yet
      // (asked only of ranked subjects: most have no rank, and the question costs a look-up).
      .where(b =>
        b
          .whereNull('s.order_rank')
          .orWhereNotExists(
            knex('approval_subjects as e')
              .whereRaw(
                'e.kind = s.kind and e.owner_id = s.owner_id and e.order_rank < s.order_rank',
              )
              .whereNot('e.state', 'approved'),
          ),
      )
      .select('s.id', 's.owner_id')
      .orderBy([{ column: 's.owner_id' }, { column: 's.position' }])
      .limit(query.limit);
    if (query.ownerIds) builder.whereIn('s.owner_id', query.ownerIds);
    if (query.criteria !== true) {
      const { criteria, selfApprovalEnvironments } = query;
      builder.where(b =>
        applySubjectCriteria(b, criteria, knex, selfApprovalEnvironments),
      );
    }
    const rows = await builder;
    return rows.map(r => ({
      subjectId: Number(r.id),
      ownerId: Number(r.owner_id),
    }));
  }

  async fillable(query: FillableQuery) {
    const knex = this.knex;
    const rows = await knex('approval_subjects as s')
      .where({ 's.kind': query.kind, 's.active': true, 's.state': 'open' })
      .whereExists(
        knex('approval_requirements as q')
          .whereRaw('q.subject_id = s.id')
          .andWhere(b => {
            b.where('q.user_ref', query.user);
            if (query.roles.length) b.orWhereIn('q.role', query.roles);
            if (query.ownershipRefs.length) {
              b.orWhereIn(
                knex.raw('lower(q.group_ref)') as any,
                query.ownershipRefs,
              );
            }
          }),
      )
      .whereNotExists(
        knex('approval_decisions as d')
          .whereRaw('d.subject_id = s.id')
          .andWhere('d.decided_by', query.user),
      )
      .andWhere(b => {
        b.whereNull('s.requested_by').orWhereNot('s.requested_by', query.user);
        if (query.selfApprovalEnvironments.length) {
          b.orWhereIn('s.environment', query.selfApprovalEnvironments);
        }
      })
      .select('s.id', 's.owner_id')
      .orderBy('s.id')
      .limit(query.limit);
    return rows.map(r => ({
      subjectId: Number(r.id),
      ownerId: Number(r.owner_id),
    }));
  }

  /** Subjects with their requirements and decisions: three queries for any number. */
}
