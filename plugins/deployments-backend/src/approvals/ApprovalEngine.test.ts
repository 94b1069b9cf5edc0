import { ConflictError, InputError, NotAllowedError } from '@backstage/errors';
import { PermissionCriteria } from '@backstage/plugin-permission-common';
import { ApprovalSubjectFilter } from '@shipgate/plugin-deployments-node';
import { Knex } from 'knex';
import { databases } from '../__testUtils__/startDeploymentsBackend';
import { migrateDatabase } from '../database/migrateDatabase';
import { KnexEnvironmentStore } from '../environments/EnvironmentStore';
import { ApprovalEngine, ApprovalSubjectOwner, DecisionOutcome } from './ApprovalEngine';
import { ApprovalRequirement, Decider, NewApprovalSubject } from './ApprovalSubject';
import { KnexApprovalStore } from './ApprovalStore';

jest.setTimeout(60_000);

const person = (name: string, fields: Partial<Decider> = {}): Decider => ({
  userRef: `user:default/${name}`,
  roles: [],
  approvalTypes: [],
  ownershipRefs: [`user:default/${name}`],
  ...fields,
});
const quinn = person('quinn', { roles: ['qa'], approvalTypes: ['qa', 'performance'], ownershipRefs: ['user:default/quinn', 'group:default/qa-team'] });
const tess = person('tess', { roles: ['qa'], approvalTypes: ['qa', 'performance'], ownershipRefs: ['user:default/tess', 'group:default/qa-team'] });
const sam = person('sam', { roles: ['security'], approvalTypes: ['security'], ownershipRefs: ['user:default/sam', 'group:default/security-team'] });
const devon = person('devon', { roles: ['developer'], approvalTypes: ['code_review'] });

const rule = (fields: Partial<Omit<ApprovalRequirement, 'id'>>) => ({
  approvalType: null,
  role: null,
  group: null,
  user: null,
  requiredCount: 1,
  ...fields,
});

/** A feature owning `deployment` subjects, that notes what the engine told it. */
class RecordingOwner implements ApprovalSubjectOwner<DecisionOutcome> {
  readonly kind = 'deployment' as const;
  outcomes: DecisionOutcome[] = [];
  refuse?: string;
  async beforeDecision() {
    if (this.refuse) throw new ConflictError(this.refuse);
  }
  async afterDecision(_tx: unknown, outcome: DecisionOutcome) {
    this.outcomes.push(outcome);
    return outcome;
  }
}

describe.each(databases.eachSupportedId())('the approvals engine on %p', databaseId => {
  let knex: Knex;
  let engine: ApprovalEngine;
  let owner: RecordingOwner;
  let store: KnexApprovalStore;

  beforeEach(async () => {
    knex = await databases.init(databaseId);
    knex = await migrateDatabase({ getClient: async () => knex } as any);
    const environments = new KnexEnvironmentStore(knex);
    await environments.seed([
      { name: 'dev', title: 'Dev', tier: 'development', order: 1, deployPolicy: 'direct', requiredApprovals: 0, allowSelfApproval: true },
      { name: 'production', title: 'Prod', tier: 'production', order: 2, deployPolicy: 'manual', requiredApprovals: 0, allowSelfApproval: false },
    ]);
    store = new KnexApprovalStore(knex);
    owner = new RecordingOwner();
    engine = new ApprovalEngine(store, environments, [owner]);
  });
  afterEach(async () => {
    await knex.destroy();
  });

  const open = async (subject: Partial<NewApprovalSubject> & Pick<NewApprovalSubject, 'requirements'>) => {
    const [id] = await knex.transaction(tx =>
      engine.open(tx, [
        {
          kind: 'deployment',
          ownerId: 1,
          position: 0,
          requestedBy: devon.userRef,
          environment: 'production',
          active: true,
          ...subject,
        },
      ]),
    );
    return id;
  };
  const decisionsOf = async (id: number) =>
    (await engine.get(id))!.decisions.map(d => [d.decidedBy, d.decision, d.requirementId]);

  it('meets the quorum of every rule and tells the owner once, in the decision that met it', async () => {
    const id = await open({
      requirements: [rule({ group: 'group:default/qa-team', requiredCount: 2 }), rule({ role: 'security' })],
    });
    const first = await engine.decide<DecisionOutcome>(id, quinn, { decision: 'approve', comment: null });
    expect(first).toMatchObject({ state: 'open', resolved: false });
    await engine.decide(id, sam, { decision: 'approve', comment: 'ok' });
    const last = await engine.decide<DecisionOutcome>(id, tess, { decision: 'approve', comment: null });
    expect(last).toMatchObject({ state: 'approved', resolved: true, decidedBy: tess.userRef });
    expect((await engine.get(id))!.state).toBe('approved');
    expect(owner.outcomes.map(o => o.resolved)).toEqual([false, false, true]);
  });

  it('rejects on one rejection', async () => {
    const id = await open({ requirements: [rule({ approvalType: 'qa', requiredCount: 2 })] });
    await engine.decide(id, quinn, { decision: 'approve', comment: null });
    const outcome = await engine.decide<DecisionOutcome>(id, tess, { decision: 'reject', comment: 'broken' });
    expect(outcome).toMatchObject({ state: 'rejected', resolved: true, comment: 'broken' });
    await expect(engine.decide(id, sam, { decision: 'approve', comment: null })).rejects.toThrow(
      'this approval is already rejected',
    );
  });

  it('counts a person once (409) and the database enforces it too', async () => {
    const id = await open({ requirements: [rule({ approvalType: 'qa', requiredCount: 2 })] });
    await engine.decide(id, quinn, { decision: 'approve', comment: null });
    await expect(engine.decide(id, quinn, { decision: 'approve', comment: null })).rejects.toThrow(ConflictError);
    // Not `rejects.toThrow`: better-sqlite3's errors may come from another realm than the test's.
    const failure = await knex('approval_decisions')
      .insert({ subject_id: id, decided_by: quinn.userRef, decision: 'approve', created_at: new Date().toISOString() })
      .then(
        () => 'no error',
        (error: Error) => error.message,
      );
    expect(failure).toMatch(/unique/i);
    expect(await decisionsOf(id)).toHaveLength(1);
  });

  it('never lets the requester decide their own unless the environment allows self-approval', async () => {
    const guarded = await open({ requirements: [rule({ approvalType: 'code_review' })] });
    await expect(engine.decide(guarded, devon, { decision: 'approve', comment: null })).rejects.toThrow(NotAllowedError);
    expect(await decisionsOf(guarded)).toEqual([]);
    const selfService = await open({ environment: 'dev', requirements: [rule({ approvalType: 'code_review' })] });
    await engine.decide(selfService, devon, { decision: 'approve', comment: null });
    expect((await engine.get(selfService))!.state).toBe('approved');
  });

  it('takes self-approval from the permission check that read the subject, and only for that subject', async () => {
    const guarded = await open({ requirements: [rule({ approvalType: 'code_review' })] });
    const [resource] = await engine.resources([guarded]);
    expect(resource!.allowSelfApproval).toBe(false);
    await expect(engine.decide(guarded, devon, { decision: 'approve', comment: null }, resource)).rejects.toThrow(NotAllowedError);
    // A check of another subject says nothing about this one: the environment is read.
    const selfService = await open({ environment: 'dev', requirements: [rule({ approvalType: 'code_review' })] });
    await engine.decide(selfService, devon, { decision: 'approve', comment: null }, resource);
    expect((await engine.get(selfService))!.state).toBe('approved');
    expect(await decisionsOf(guarded)).toEqual([]);
  });

  it('counts a decision for the rule named by represented_as, and refuses a rule the person does not fill', async () => {
    const id = await open({ requirements: [rule({ role: 'qa' }), rule({ approvalType: 'performance' })] });
    await expect(
      engine.decide(id, quinn, { decision: 'approve', comment: null, representedAs: 'security' }),
    ).rejects.toThrow(InputError);
    await expect(engine.decide(id, sam, { decision: 'approve', comment: null })).rejects.toThrow(
      'you fill none of the approval rules: qa, performance',
    );
    await engine.decide(id, quinn, { decision: 'approve', comment: null, representedAs: 'performance' });
    const [, performance] = (await engine.get(id))!.requirements;
    expect(await decisionsOf(id)).toEqual([[quinn.userRef, 'approve', performance.id]]);
  });

  it("writes nothing when the owner refuses, and nothing on an inactive subject", async () => {
    const id = await open({ requirements: [rule({ approvalType: 'qa' })] });
    owner.refuse = 'the deployment is not blocked';
    await expect(engine.decide(id, quinn, { decision: 'approve', comment: null })).rejects.toThrow(
      'the deployment is not blocked',
    );
    owner.refuse = undefined;
    const asleep = await open({ active: false, requirements: [rule({ approvalType: 'qa' })] });
    await expect(engine.decide(asleep, quinn, { decision: 'approve', comment: null })).rejects.toThrow(ConflictError);
    expect([...(await decisionsOf(id)), ...(await decisionsOf(asleep))]).toEqual([]);
  });

  it('reports the final approval once when the last two arrive together', async () => {
    const id = await open({ requirements: [rule({ group: 'group:default/qa-team', requiredCount: 2 })] });
    await engine.decide(id, quinn, { decision: 'approve', comment: null });
    const results = await Promise.allSettled(
      [tess, person('tia', { ownershipRefs: ['user:default/tia', 'group:default/qa-team'] })].map(p =>
        engine.decide<DecisionOutcome>(id, p, { decision: 'approve', comment: null }),
      ),
    );
    const outcomes = results.flatMap(r => (r.status === 'fulfilled' ? [r.value] : []));
    // The second arrives at a subject already approved: refused, or not resolved again.
    expect(outcomes.filter(o => o.resolved)).toHaveLength(1);
    expect((await engine.get(id))!.state).toBe('approved');
  });

  it('lists what a person may decide now, through the policy criteria, in one query', async () => {
    const qa = await open({ requirements: [rule({ approvalType: 'qa' })] });
    const security = await open({ ownerId: 2, requirements: [rule({ approvalType: 'security' })] });
    const own = await open({ ownerId: 3, requestedBy: quinn.userRef, requirements: [rule({ approvalType: 'qa' })] });
    const ownInDev = await open({ ownerId: 4, environment: 'dev', requestedBy: quinn.userRef, requirements: [rule({ approvalType: 'qa' })] });
    await open({ ownerId: 5, active: false, requirements: [rule({ approvalType: 'qa' })] });
    const decided = await open({ ownerId: 6, requirements: [rule({ approvalType: 'qa', requiredCount: 2 })] });
    await engine.decide(decided, quinn, { decision: 'approve', comment: null });

    const criteria: PermissionCriteria<ApprovalSubjectFilter> = {
      allOf: [{ approvalTypes: ['qa', 'performance'] }, { notRequester: quinn.userRef }],
    };
    const ids = (await engine.decidable(quinn.userRef, criteria, 'deployment')).map(d => d.subjectId);
    expect(ids.sort()).toEqual([qa, ownInDev].sort());
    const all = (await engine.decidable(quinn.userRef, true, 'deployment')).map(d => d.subjectId);
    expect(all.sort()).toEqual([qa, security, own, ownInDev].sort());
    const ofOwners = await engine.decidable(quinn.userRef, true, 'deployment', { ownerIds: [2] });
    expect(ofOwners).toEqual([{ subjectId: security, ownerId: 2 }]);
    expect(await engine.decidable(quinn.userRef, true, 'promotion')).toEqual([]);
  });

  it('gives the permission framework each subject with its types, requester and self-approval', async () => {
    const id = await open({ environment: 'dev', requirements: [rule({ approvalType: 'qa' }), rule({ role: 'sre' })] });
    expect(await engine.resources([id, 999])).toEqual([
      {
        subjectId: id,
        kind: 'deployment',
        ownerId: 1,
        approvalTypes: ['qa'],
        requester: devon.userRef,
        allowSelfApproval: true,
      },
      undefined,
    ]);
  });

  it('drops an owner\'s subjects with their requirements and decisions', async () => {
    const id = await open({ requirements: [rule({ approvalType: 'qa', requiredCount: 2 })] });
    await engine.decide(id, quinn, { decision: 'approve', comment: null });
    await knex.transaction(tx => engine.discard(tx, 'deployment', 1));
    expect(await engine.get(id)).toBeUndefined();
    const counts = await Promise.all(
      ['approval_requirements', 'approval_decisions'].map(async t => Number((await knex(t).count({ c: '*' }))[0].c)),
    );
    expect(counts).toEqual([0, 0]);
  });

  it('tallies owners\' subjects for lists: in order, each requirement, approvals counted, rejections not', async () => {
    const twoRules = await open({
      ownerId: 2,
      position: 1,
      requirements: [rule({ approvalType: 'qa', requiredCount: 2 }), rule({ approvalType: 'security' })],
    });
    const first = await open({ ownerId: 2, position: 0, requirements: [rule({ approvalType: 'qa' })] });
    const rejected = await open({ ownerId: 3, requirements: [rule({ approvalType: 'qa', requiredCount: 2 })] });
    await open({ ownerId: 4, requirements: [rule({ approvalType: 'qa' })] });
    await engine.decide(twoRules, quinn, { decision: 'approve', comment: null });
    await engine.decide(twoRules, sam, { decision: 'approve', comment: null });
    await engine.decide(rejected, quinn, { decision: 'approve', comment: null });
    await engine.decide(rejected, tess, { decision: 'reject', comment: 'no' });

    expect(await store.tallies('deployment', [3, 2])).toEqual([
      { id: first, ownerId: 2, state: 'open', requirements: [{ approvalType: 'qa', requiredCount: 1 }], approvals: 0 },
      {
        id: twoRules,
        ownerId: 2,
        state: 'open',
        requirements: [
          { approvalType: 'qa', requiredCount: 2 },
          { approvalType: 'security', requiredCount: 1 },
        ],
        approvals: 2,
      },
      { id: rejected, ownerId: 3, state: 'rejected', requirements: [{ approvalType: 'qa', requiredCount: 2 }], approvals: 1 },
    ]);
    expect(await store.tallies('promotion', [2, 3])).toEqual([]);
    expect(await store.tallies('deployment', [])).toEqual([]);
  });
});
