import {
  BackstageCredentials,
  BackstageUserPrincipal,
  HttpAuthService,
  PermissionsService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import {
  AuthorizeResult,
  PermissionCriteria,
  PermissionCondition,
  PolicyDecision,
  QueryPermissionRequest,
} from '@backstage/plugin-permission-common';
import {
  PermissionRuleset,
  createConditionAuthorizer,
  createConditionTransformer,
} from '@backstage/plugin-permission-node';
import {
  approvalDecidePermission,
  deploymentRequestAdminPermission,
  deploymentRequestCreatePermission,
  pipelineManagePermission,
  promotionApprovePermission,
  stepCompletePermission,
  templateManagePermission,
} from '@shipgate/plugin-deployments-common';
import {
  ApprovalSubjectFilter,
  ApprovalSubjectResource,
  OrgRoles,
} from '@shipgate/plugin-deployments-node';
import { Request } from 'express';
import { Actor } from './Actor';

/** What the resolver needs of the approvals engine: subjects as the policy's rules see them. */
export interface ApprovalResources {
  resources(ids: number[]): Promise<Array<ApprovalSubjectResource | undefined>>;
}

/**
 * Turns a request's credentials into an {@link Actor}: the signed-in user, their org roles,
 * and the permission policy's answers for Shipgate's actions. The policy is asked once per
 * request: its answer for deciding approvals (allow, deny, or conditions) is applied here to
 * each subject with the same rules the framework would apply, instead of a round trip per
 * subject through the permission backend.
 */
export class ActorResolver {
  private readonly applyConditions: (
    decision: PolicyDecision,
    resource: ApprovalSubjectResource | undefined,
  ) => boolean;
  private readonly toSubjectFilter: (
    conditions: PermissionCriteria<PermissionCondition<string>>,
  ) => PermissionCriteria<ApprovalSubjectFilter>;

  constructor(
    private readonly httpAuth: HttpAuthService,
    private readonly userInfo: UserInfoService,
    private readonly permissions: PermissionsService,
    private readonly orgRoles: OrgRoles,
    ruleset: PermissionRuleset<ApprovalSubjectResource, ApprovalSubjectFilter>,
    private readonly approvals: ApprovalResources,
  ) {
    this.applyConditions = createConditionAuthorizer(ruleset);
    this.toSubjectFilter = createConditionTransformer(ruleset);
  }

  async resolve(req: Request): Promise<Actor> {
    const credentials = await this.httpAuth.credentials(req, { allow: ['user'] });
    return this.forCredentials(credentials);
  }

  async forCredentials(credentials: BackstageCredentials<BackstageUserPrincipal>): Promise<Actor> {
    const { approvals, applyConditions, toSubjectFilter } = this;
    // One round trip to the permission backend for every answer this request may need: its
    // /authorize takes basic and resource permissions in one batch (the query form lets the
    // policy answer deciding with conditions; it answers the basic ones allow or deny).
    const queries = [
      deploymentRequestCreatePermission,
      deploymentRequestAdminPermission,
      stepCompletePermission,
      templateManagePermission,
      pipelineManagePermission,
      promotionApprovePermission,
      approvalDecidePermission,
    ].map(permission => ({ permission })) as QueryPermissionRequest[];
    const [info, answers] = await Promise.all([
      this.userInfo.getUserInfo(credentials),
      this.permissions.authorizeConditional(queries, { credentials }),
    ]);
    const decisions = answers.slice(0, -1);
    const decideDecision = answers[answers.length - 1];
    const allowed = decisions.map(d => d.result === AuthorizeResult.ALLOW);
    // One answer per subject for the whole request (a decision, then the page it returns).
    const known = new Map<number, boolean>();
    return {
      userRef: credentials.principal.userEntityRef,
      roles: this.orgRoles.rolesOf(info.ownershipEntityRefs),
      ownershipRefs: info.ownershipEntityRefs,
      canCreateRequests: allowed[0],
      canAdministerRequests: allowed[1],
      canCompleteSteps: allowed[2],
      canManageTemplates: allowed[3],
      canManagePipelines: allowed[4],
      canApprovePromotions: allowed[5],
      async mayDecide(subjectIds: number[], loaded: ApprovalSubjectResource[] = []) {
        if (decideDecision.result === AuthorizeResult.DENY) {
          return new Set<number>();
        }
        const unknown = subjectIds.filter(id => !known.has(id));
        const given = new Map(loaded.map(r => [r.subjectId, r]));
        const resources = unknown.every(id => given.has(id))
          ? unknown.map(id => given.get(id))
          : await approvals.resources(unknown);
        unknown.forEach((id, i) => known.set(id, applyConditions(decideDecision, resources[i])));
        return new Set(subjectIds.filter(id => known.get(id)));
      },
      async decideCriteria(): Promise<PermissionCriteria<ApprovalSubjectFilter> | boolean> {
        if (decideDecision.result === AuthorizeResult.ALLOW) return true;
        if (decideDecision.result === AuthorizeResult.DENY) return false;
        return toSubjectFilter(
          (decideDecision as { conditions: PermissionCriteria<PermissionCondition<string>> })
            .conditions,
        );
      },
    };
  }
}
