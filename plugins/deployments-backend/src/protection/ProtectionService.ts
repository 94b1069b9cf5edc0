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
import {
  heldByProtection,
  reasonsBesidesProtection,
  triggererRef,
} from './protectionRules';
import { AuditLog } from '../audit/AuditLog';

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
    private readonly audit: AuditLog,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /**
   * The protection of an environment was lifted: each deployment there that waited for its
   * approvals goes on (`created`, or still `blocked` with other gates' reasons), its
   * approvals closed and an audit entry written in one transaction per deployment; its
   * triggerer hears of it. A deployment decided or given up meanwhile is left as it is.
   */
  async releaseWaiting(environment: string, by: string): Promise<Deployment[]> {
    const released: Deployment[] = [];
    for (const id of await this.approvals.waitingOwnersIn(
      'deployment',
      environment,
    )) {
      const now = this.now().toISOString();
      let waited = false;
      const after = await this.deployments.update(
        id,
        current => {
          waited =
            current.status === 'blocked' &&
            heldByProtection(current.blocked_reason);
          // Released already (approved meanwhile): only its approvals close.
          if (!waited) return null;
          const rest = reasonsBesidesProtection(current.blocked_reason);
          return rest
            ? { status: 'blocked', updatedAt: now, blockedReason: rest }
            : { status: 'created', updatedAt: now, blockedReason: null };
        },
        async (tx, written) => {
          await this.approvals.setActive(tx, 'deployment', id, false);
          if (!waited) return;
          await this.audit.append(
            tx,
            { type: 'deployment', id },
            {
              actor: by,
              action: 'deployment_released',
              target: `deployment ${id}`,
              before: { status: 'blocked' },
              after: { status: written.status },
              comment: `the protection of ${environment} was lifted`,
            },
            now,
          );
        },
      );
      if (!after || !waited) continue;
      released.push(after);
      await this.notifier.released(after, triggererRef(after.deployed_by), by);
    }
    return released;
  }

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
