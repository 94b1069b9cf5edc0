import { Knex } from 'knex';
import { ConflictError } from '@backstage/errors';
import {
  Deployment,
  DeploymentStatus,
} from '@shipgate/plugin-deployments-common';
import {
  DeploymentGate,
  GateEvent,
  GateVerdict,
  RecordedChange,
} from '../gates/DeploymentGate';
import { ApprovalEngine } from '../approvals/ApprovalEngine';
import { EnvironmentStore } from '../environments/EnvironmentStore';
import { ProtectionNotifier } from './ProtectionNotifier';
import {
  heldByProtection,
  requirementsOf,
  triggererRef,
  waitingReason,
} from './protectionRules';

/**
 * The protected-environment gate (GitLab's deployment approvals): every deployment into an
 * environment with approval rules is recorded `blocked` until each rule has its approvals.
 * An event that would move a deployment still waiting on to running or success is refused
 * with 409; once approved (the approval itself unblocks it to `created`), events pass. The
 * deployment's approval subject is created in the deployment's own transaction.
 *
 * An event into an unprotected environment costs no statement: ingestion reads the
 * protection with the event's context.
 */
export class ProtectionGate implements DeploymentGate {
  readonly name = 'protection';

  constructor(
    private readonly environments: EnvironmentStore,
    private readonly approvals: ApprovalEngine,
    private readonly notifier: ProtectionNotifier,
  ) {}

  async check(event: GateEvent): Promise<GateVerdict> {
    // Ingestion reads it with the event's context; a dry run asks for it.
    const protection =
      event.protection !== undefined
        ? event.protection
        : await this.environments.protectionOf(event.environment);
    if (!protection) return { kind: 'allow' };
    const open = event.open;
    if (open) {
      const [subject] = await this.approvals.subjectsOf('deployment', [
        open.id,
      ]);
      // Under way before the environment was protected: it finishes as it started.
      if (!subject && open.status !== 'blocked') return { kind: 'allow' };
      if (subject?.state === 'approved') return { kind: 'allow' };
      if (subject?.state === 'open' && open.status === 'blocked') {
        if (event.status === 'running' || event.status === 'success') {
          return {
            kind: 'refuse',
            status: 409,
            message: `deployment ${open.id} is blocked, ${waitingReason(
              subject.requirements,
              subject.decisions,
            )}; it cannot go to ${event.status} before it is approved`,
          };
        }
        // CI may still give up on it (failed, canceled).
        if (event.status === 'failed' || event.status === 'canceled')
          return { kind: 'allow' };
        return {
          kind: 'block',
          reason: waitingReason(subject.requirements, subject.decisions),
        };
      }
    }
    return { kind: 'block', reason: waitingReason(requirementsOf(protection)) };
  }

  /** PUT /deployments/:id may not run a deployment that still waits for approvals (409). */
  async admitsStatusChange(
    current: Deployment,
    to: DeploymentStatus,
  ): Promise<void> {
    if (
      current.status !== 'blocked' ||
      !heldByProtection(current.blocked_reason)
    )
      return;
    if (to === 'running' || to === 'success') {
      throw new ConflictError(
        `deployment ${current.id} is blocked, ${current.blocked_reason}; it cannot go to ${to} before it is approved`,
      );
    }
  }

  /**
   * A deployment written as held by this gate gets its approval subject in its transaction;
   * one given up while it waited (blocked, then failed or canceled) stops asking for
   * approvals in its. Every other failure or cancelation is none of this gate's business.
   */
  followsUp(change: RecordedChange): boolean {
    return (
      (change.status === 'blocked' && heldByProtection(change.blockedReason)) ||
      (change.from === 'blocked' && (change.status === 'failed' || change.status === 'canceled'))
    );
  }

  async recordedIn(
    tx: Knex.Transaction,
    deployment: Deployment,
  ): Promise<void> {
    if (deployment.status === 'failed' || deployment.status === 'canceled') {
      // Out of My Tasks and the approvers' lists; a decision on it is refused already.
      await this.approvals.setActive(tx, 'deployment', deployment.id, false);
      return;
    }
    if (deployment.status !== 'blocked') return;
    const existing = await this.approvals.subjectsOf(
      'deployment',
      [deployment.id],
      tx,
    );
    if (existing.length) return;
    const protection = (await this.environments.get(deployment.environment, tx))
      ?.protection;
    if (!protection) return;
    await this.approvals.open(tx, [
      {
        kind: 'deployment',
        ownerId: deployment.id,
        position: 0,
        requestedBy: triggererRef(deployment.deployed_by),
        environment: deployment.environment,
        active: true,
        requirements: requirementsOf(protection),
      },
    ]);
  }

  /** After the commit: approvers hear of a deployment that waits on them. */
  async recorded(deployment: Deployment): Promise<void> {
    if (
      deployment.status !== 'blocked' ||
      !heldByProtection(deployment.blocked_reason)
    )
      return;
    const [subject] = await this.approvals.subjectsOf('deployment', [
      deployment.id,
    ]);
    if (subject && subject.decisions.length === 0)
      await this.notifier.approvalNeeded(deployment, subject);
  }
}
