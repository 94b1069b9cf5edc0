import {
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import { Deployment } from '@shipgate/plugin-deployments-common';
import {
  ApprovalSubjectOwner,
  DecisionOutcome,
} from '../approvals/ApprovalEngine';
import {
  ApprovalSubject,
  Decider,
  DecisionInput,
} from '../approvals/ApprovalSubject';
import { fills, requirementLabel } from '../approvals/quorum';
import { AuditLog } from '../audit/AuditLog';
import { Transaction } from '../database/transactions';
import { DeploymentStore } from '../deployments/DeploymentStore';
import { EnvironmentStore } from '../environments/EnvironmentStore';
import { reasonsBesidesProtection } from './protectionRules';

/** What a decision did to its deployment. */
export interface DeploymentDecisionResult {
  deployment: Deployment;
  /** The decision moved the deployment (unblocked or failed). */
  resolved: boolean;
}

/**
 * Blocked deployments as owners of approval subjects (`deployment`), GitLab's rules:
 * decisions count while the deployment is blocked; its triggerer may not decide unless the
 * environment allows it; the caller must match a rule, and name one they match when
 * `represented_as` is given; one rejection fails the deployment; meeting every rule's count
 * unblocks it (`created`). All under the subject's and the deployment's locks, so two last
 * approvals at once unblock it once.
 */
export class DeploymentApprovals
  implements ApprovalSubjectOwner<DeploymentDecisionResult, Deployment>
{
  readonly kind = 'deployment' as const;

  constructor(
    private readonly deployments: DeploymentStore,
    private readonly environments: EnvironmentStore,
    private readonly audit: AuditLog,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async beforeDecision(
    tx: Transaction,
    subject: ApprovalSubject,
    decider: Decider,
    input: DecisionInput,
  ) {
    const deployment = await this.deployments.lockIn(tx, subject.ownerId);
    if (!deployment)
      throw new NotFoundError(`deployment ${subject.ownerId} not found`);
    if (deployment.status !== 'blocked' || subject.state !== 'open') {
      throw new ConflictError(
        `deployment ${deployment.id} is ${deployment.status}, not waiting for approvals`,
      );
    }
    // Entity refs compare without case, as the catalog compares them.
    if (
      subject.requestedBy &&
      subject.requestedBy === decider.userRef.toLowerCase()
    ) {
      const environment = await this.environments.get(
        deployment.environment,
        tx,
      );
      if (!environment?.protection?.allowTriggererToApprove) {
        throw new NotAllowedError(
          `you triggered deployment ${deployment.id}; ${deployment.environment} does not allow the triggerer to approve`,
        );
      }
    }
    if (subject.decisions.some(d => d.decidedBy === decider.userRef)) {
      throw new ConflictError(
        `you have already decided on deployment ${deployment.id}`,
      );
    }
    const matched = subject.requirements.filter(r => fills(r, decider));
    if (!matched.length) {
      throw new NotAllowedError(
        `you match none of the approval rules of ${
          deployment.environment
        }: ${subject.requirements.map(requirementLabel).join(', ')}`,
      );
    }
    const representedAs = input.representedAs;
    if (
      representedAs &&
      !matched.some(r => requirementLabel(r) === representedAs)
    ) {
      throw new InputError(
        `represented_as: you do not match the approval rule '${representedAs}'; you match ${matched
          .map(requirementLabel)
          .join(', ')}`,
      );
    }
    return deployment;
  }

  async afterDecision(
    tx: Transaction,
    outcome: DecisionOutcome,
    locked: Deployment,
  ): Promise<DeploymentDecisionResult> {
    const now = this.now().toISOString();
    await this.audit.append(
      tx,
      { type: 'deployment', id: locked.id },
      {
        actor: outcome.decidedBy,
        action:
          outcome.decision === 'approve'
            ? 'deployment_approved'
            : 'deployment_rejected',
        target: `deployment ${locked.id}`,
        after: { subject: outcome.state },
        comment: outcome.comment,
      },
      now,
    );
    if (!outcome.resolved) return { deployment: locked, resolved: false };
    if (outcome.state === 'rejected') {
      const failed = await this.deployments.changeIn(tx, locked.id, {
        status: 'failed',
        updatedAt: now,
        blockedReason: null,
        finishedAt: now,
      });
      return { deployment: failed, resolved: true };
    }
    // Other gates may still hold it (their reasons stay); else it may run.
    const rest = reasonsBesidesProtection(locked.blocked_reason);
    const unblocked = await this.deployments.changeIn(
      tx,
      locked.id,
      rest
        ? { status: 'blocked', updatedAt: now, blockedReason: rest }
        : { status: 'created', updatedAt: now, blockedReason: null },
    );
    return { deployment: unblocked, resolved: true };
  }
}
