import { ConflictError, InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import { PermissionCriteria } from '@backstage/plugin-permission-common';
import { Environment } from '@shipgate/plugin-deployments-common';
import {
  ApprovalSubjectFilter,
  ApprovalSubjectResource,
} from '@shipgate/plugin-deployments-node';
import { Transaction } from '../database/transactions';
import { EnvironmentStore } from '../environments/EnvironmentStore';
import {
  ApprovalSubject,
  ApprovalSubjectKind,
  ApprovalSubjectState,
  Decider,
  DecisionInput,
  NewApprovalSubject,
} from './ApprovalSubject';
import { ApprovalStore } from './ApprovalStore';
import { decisionRefusal } from './decisionRefusal';
import { mustComeFirst } from './approvalOrder';
import { fills, requirementFor, requirementLabel, subjectStateOf } from './quorum';

/** What a decision did to its subject. */
export interface DecisionOutcome {
  /** The subject before the decision, as read under the lock. */
  before: ApprovalSubject;
  /** still pending (`open`), quorum met (`approved`), or `rejected`. */
  state: ApprovalSubjectState;
  /** Whether this decision moved the subject's state. */
  resolved: boolean;
  decidedBy: string;
  decision: DecisionInput['decision'];
  comment: string | null;
}

/**
 * The feature that owns a kind of subject. Both calls run inside the decide transaction, so
 * the owner's change commits with the decision or not at all.
 */
export interface ApprovalSubjectOwner<R = unknown, C = unknown> {
  kind: ApprovalSubjectKind;
  /**
   * Locks the owner's record and refuses (throws) when it takes no decision now, e.g. a
   * request that is not in progress, or a later slot of an approval order. What it returns
   * (the locked record) is handed to `afterDecision`.
   */
  beforeDecision(
    tx: Transaction,
    subject: ApprovalSubject,
    decider: Decider,
    input: DecisionInput,
  ): Promise<C>;
  /** Acts on the outcome (moves the request, unblocks the deployment); returns the owner's view. */
  afterDecision(tx: Transaction, outcome: DecisionOutcome, locked: C): Promise<R>;
}

/**
 * The approvals engine: subjects with requirements, one decision per person, quorum and
 * the one-rejection rule, and one transactional decide that reports to the subject's owner.
 */
export class ApprovalEngine {
  private readonly owners: Map<ApprovalSubjectKind, ApprovalSubjectOwner>;

  constructor(
    private readonly store: ApprovalStore,
    private readonly environments: EnvironmentStore,
    owners: ApprovalSubjectOwner[],
    private readonly now: () => Date = () => new Date(),
  ) {
    this.owners = new Map(owners.map(o => [o.kind, o]));
  }

  /** Creates an owner's subjects inside the owner's transaction. */
  open(tx: Transaction, subjects: NewApprovalSubject[]): Promise<number[]> {
    return this.store.create(tx, subjects, this.now().toISOString());
  }

  /** Drops an owner's subjects (a draft's slots being replaced). */
  discard(tx: Transaction, kind: ApprovalSubjectKind, ownerId: number): Promise<void> {
    return this.store.deleteOwned(tx, kind, ownerId);
  }

  /** Opens (or closes) an owner's subjects to decisions, inside the owner's transaction. */
  setActive(tx: Transaction, kind: ApprovalSubjectKind, ownerId: number, active: boolean) {
    return this.store.setActive(tx, kind, ownerId, active);
  }

  /** Owners whose subjects in an environment still wait for decisions. */
  waitingOwnersIn(kind: ApprovalSubjectKind, environment: string): Promise<number[]> {
    return this.store.waitingOwnersIn(kind, environment);
  }

  subjectsOf(kind: ApprovalSubjectKind, ownerIds: number[], tx?: Transaction) {
    return this.store.listOwned(kind, ownerIds, tx);
  }

  async get(id: number): Promise<ApprovalSubject | undefined> {
    return this.store.get(id);
  }

  /**
   * Records a decision: locks the subject, lets its owner lock and check its record, checks
   * again under the lock what may have changed (a decision by the same person, the subject
   * resolved meanwhile), applies quorum and the one-rejection rule, and reports the outcome
   * to the owner in the same transaction. Returns what the owner made of it.
   */
  async decide<R>(
    subjectId: number,
    decider: Decider,
    input: DecisionInput,
    /**
     * The subject as the caller's permission check saw it (`resources`): whether its
     * requester may decide it is then taken from there instead of read again.
     */
    checked?: Pick<ApprovalSubjectResource, 'subjectId' | 'allowSelfApproval'>,
  ): Promise<R> {
    // Read before the transaction: on SQLite it holds the only connection.
    const environments =
      checked?.subjectId === subjectId ? undefined : await this.environments.list();
    return this.store.transaction(async tx => {
      const subject = await this.store.lock(tx, subjectId);
      if (!subject) throw new NotFoundError(`approval ${subjectId} not found`);
      const selfApprovalAllowed = environments
        ? mayDecideOwn(environments, subject)
        : Boolean(checked?.allowSelfApproval);
      const owner = this.owners.get(subject.kind) as ApprovalSubjectOwner<R> | undefined;
      if (!owner) throw new Error(`no owner for approvals of kind ${subject.kind}`);
      const locked = await owner.beforeDecision(tx, subject, decider, input);
      await this.refuseOutOfOrder(tx, subject);

      const refusal = decisionRefusal(subject, decider.userRef, selfApprovalAllowed);
      if (refusal) {
        throw refusal.kind === 'conflict'
          ? new ConflictError(refusal.message)
          : new NotAllowedError(refusal.message);
      }
      // A subject with one requirement counts every decision the permission policy allowed;
      // with several, the decider must fill one (and name it when they fill more).
      const match =
        subject.requirements.length === 1
          ? subject.requirements[0]
          : requirementFor(subject.requirements, subject.decisions, decider, input.representedAs);
      if (match === 'not_represented') {
        throw new InputError(
          `represented_as: you do not fill the approval rule '${input.representedAs}'; you fill ${
            subject.requirements
              .filter(r => fills(r, decider))
              .map(requirementLabel)
              .join(', ') || 'none'
          }`,
        );
      }
      if (!match) {
        throw new NotAllowedError(
          `you fill none of the approval rules: ${subject.requirements.map(requirementLabel).join(', ')}`,
        );
      }
      const decision = {
        requirementId: match.id,
        decidedBy: decider.userRef,
        decision: input.decision,
        comment: input.comment,
        representedAs: input.representedAs ?? null,
      };
      await this.store.addDecision(tx, subject.id, decision, this.now().toISOString());
      const state = subjectStateOf(subject.requirements, [...subject.decisions, decision]);
      if (state !== subject.state) await this.store.setState(tx, subject.id, state);
      const outcome: DecisionOutcome = {
        before: subject,
        state,
        resolved: state !== subject.state,
        decidedBy: decider.userRef,
        decision: input.decision,
        comment: input.comment,
      };
      return owner.afterDecision(tx, outcome, locked);
    });
  }

  /**
   * The subjects, of one kind, that a person could decide now: active, open, not decided by
   * them, and passing the permission policy's criteria.
   */
  async decidable(
    user: string,
    criteria: PermissionCriteria<ApprovalSubjectFilter> | true,
    kind: ApprovalSubjectKind,
    options: { ownerIds?: number[]; limit?: number } = {},
  ) {
    return this.store.decidable({
      user,
      criteria,
      kind,
      ownerIds: options.ownerIds,
      limit: options.limit ?? 500,
      selfApprovalEnvironments: await this.selfApprovalEnvironments(kind),
    });
  }

  /**
   * The open, active subjects of a kind whose requirements name the decider (their role,
   * one of their groups, or them) and that they have not decided: what rule-based subjects
   * (blocked deployments) ask of them. Their own are left out unless their environment
   * lets the requester decide.
   */
  async fillable(decider: Decider, kind: ApprovalSubjectKind, limit = 500) {
    return this.store.fillable({
      kind,
      user: decider.userRef,
      roles: [...decider.roles],
      ownershipRefs: decider.ownershipRefs.map(ref => ref.toLowerCase()),
      selfApprovalEnvironments: await this.selfApprovalEnvironments(kind),
      limit,
    });
  }

  /** Subjects as the permission framework sees them, for conditional decisions. */
  async resources(ids: number[]): Promise<Array<ApprovalSubjectResource | undefined>> {
    if (ids.length === 0) return [];
    const [subjects, environments] = await Promise.all([
      this.store.getMany(ids),
      this.environments.list(),
    ]);
    const byId = new Map(subjects.map(s => [s.id, s]));
    return ids.map(id => {
      const subject = byId.get(id);
      if (!subject) return undefined;
      return {
        subjectId: subject.id,
        kind: subject.kind,
        ownerId: subject.ownerId,
        approvalTypes: subject.requirements.flatMap(r => (r.approvalType ? [r.approvalType] : [])),
        requester: subject.requestedBy,
        allowSelfApproval: mayDecideOwn(environments, subject),
      };
    });
  }

  /**
   * An approval order (from a deployment rule): a subject of a higher rank is decided only
   * once every subject of its owner with a lower rank is approved; 409 names the one first.
   */
  private async refuseOutOfOrder(tx: Transaction, subject: ApprovalSubject) {
    if (subject.orderRank === null || subject.orderRank === undefined) return;
    const first = mustComeFirst(await this.store.listOwned(subject.kind, [subject.ownerId], tx), subject);
    if (!first) return;
    const label = (s: ApprovalSubject) => s.requirements.map(requirementLabel).join(', ');
    throw new ConflictError(
      `the ${label(first)} approval (slot ${first.id}) must be approved first: ` +
        `an approval order puts it before ${label(subject)}`,
    );
  }

  private async selfApprovalEnvironments(kind: ApprovalSubjectKind): Promise<string[]> {
    return selfApprovalOf(await this.environments.list(), kind);
  }
}

/** Whether the subject's requester may decide it, by its environment (`selfApprovalOf`). */
function mayDecideOwn(
  environments: Environment[],
  subject: Pick<ApprovalSubject, 'kind' | 'environment'>,
): boolean {
  return Boolean(
    subject.environment && selfApprovalOf(environments, subject.kind).includes(subject.environment),
  );
}

/**
 * Environments whose requester may decide their own subjects of a kind: in a protected
 * environment, a blocked deployment's triggerer by the protection's
 * `allowTriggererToApprove`; otherwise by the environment's `allowSelfApproval`.
 */
function selfApprovalOf(environments: Environment[], kind: ApprovalSubjectKind): string[] {
  return environments
    .filter(e =>
      kind === 'deployment' && e.protection
        ? e.protection.allowTriggererToApprove
        : e.allowSelfApproval,
    )
    .map(e => e.name);
}
