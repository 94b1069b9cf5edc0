import { ConflictError, NotFoundError } from '@backstage/errors';
import {
  Deployment,
  DeploymentApproval,
  DeploymentApprovalBody,
} from '@shipgate/plugin-deployments-common';
import { ApprovalEngine } from '../approvals/ApprovalEngine';
import { Decider } from '../approvals/ApprovalSubject';
import { fills, requirementLabel } from '../approvals/quorum';
import { DeploymentStore } from '../deployments/DeploymentStore';
import { DeploymentDecisionResult } from './DeploymentApprovals';
import { ProtectionNotifier } from './ProtectionNotifier';
import { approvalOf, approvalStateOf } from './approvalState';

/** A blocked deployment the caller may decide, with the rules they match (My Tasks). */
export interface DeploymentApprovalTask {
  deployment: Deployment;
  /** Rules the caller matches, as `represented_as` names them. */
  matches: string[];
}

/** How many blocked deployments My Tasks lists at most. */
const TASK_LIMIT = 100;

/**
 * Deployment approvals (protected environments): deciding a blocked deployment, showing its
 * approvals in GitLab's shape, and what waits on whom.
 */
export class ProtectionService {
  constructor(
    private readonly approvals: ApprovalEngine,
    private readonly deployments: DeploymentStore,
    private readonly notifier: ProtectionNotifier,
  ) {}

  /** 404 for a deployment that does not exist. */
  async requireDeployment(id: number): Promise<void> {
    if (!(await this.deployments.get(id)))
      throw new NotFoundError(`deployment ${id} not found`);
  }

  /** POST /deployments/:id/approval: GitLab's answer, and the deployment as it is now. */
  async decide(
    id: number,
    body: DeploymentApprovalBody,
    decider: Decider,
  ): Promise<{
    approval: DeploymentApproval;
    deployment: Deployment;
    resolved: boolean;
  }> {
    const [subject] = await this.approvals.subjectsOf('deployment', [id]);
    if (!subject) {
      if (!(await this.deployments.get(id)))
        throw new NotFoundError(`deployment ${id} not found`);
      throw new ConflictError(`deployment ${id} does not need approval`);
    }
    const comment = body.comment?.trim() || null;
    const result = await this.approvals.decide<DeploymentDecisionResult>(
      subject.id,
      decider,
      {
        decision: body.status === 'approved' ? 'approve' : 'reject',
        comment,
        representedAs: body.represented_as ?? null,
      },
    );
    const after = await this.approvals.get(subject.id);
    const mine = after!.decisions.find(d => d.decidedBy === decider.userRef)!;
    if (result.resolved) {
      await this.notifier.decided(
        result.deployment,
        subject.requestedBy,
        decider.userRef,
        comment,
      );
    }
    return {
      approval: approvalOf(mine),
      deployment: result.deployment,
      resolved: result.resolved,
    };
  }

  /** Deployments with GitLab's approval fields added to those that needed approval. */
  async present(deployments: Deployment[]): Promise<Deployment[]> {
    if (!deployments.length) return deployments;
    const subjects = await this.approvals.subjectsOf(
      'deployment',
      deployments.map(d => d.id),
    );
    if (!subjects.length) return deployments;
    const byOwner = new Map(subjects.map(s => [s.ownerId, s]));
    return deployments.map(d => {
      const subject = byOwner.get(d.id);
      return subject ? { ...d, ...approvalStateOf(subject) } : d;
    });
  }

  /** One deployment, presented; on the ingestion path only blocked ones cost a read. */
  async presentOne(deployment: Deployment): Promise<Deployment> {
    if (deployment.status !== 'blocked') return deployment;
    return (await this.present([deployment]))[0];
  }

  /** Blocked deployments whose rules name the caller and that they have not decided. */
  async tasks(decider: Decider): Promise<DeploymentApprovalTask[]> {
    const open = await this.approvals.fillable(
      decider,
      'deployment',
      TASK_LIMIT,
    );
    if (!open.length) return [];
    const subjects = await this.approvals.subjectsOf(
      'deployment',
      open.map(o => o.ownerId),
    );
    const tasks: DeploymentApprovalTask[] = [];
    for (const subject of subjects) {
      const deployment = await this.deployments.get(subject.ownerId);
      // Given up on by CI (failed, canceled) while waiting: nothing to decide.
      if (
        !deployment ||
        deployment.status !== 'blocked' ||
        subject.state !== 'open'
      )
        continue;
      tasks.push({
        deployment: { ...deployment, ...approvalStateOf(subject) },
        matches: subject.requirements
          .filter(r => fills(r, decider))
          .map(requirementLabel),
      });
    }
    return tasks;
  }
}
