import { ConfigReader } from '@backstage/config';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { PolicyQueryUser } from '@backstage/plugin-permission-node';
import {
  approvalDecidePermission,
  deploymentRequestAdminPermission,
  deploymentRequestCreatePermission,
  stepCompletePermission,
  templateManagePermission,
  environmentManagePermission,
  breakGlassPermission,
  deploymentCreatePermission,
  deploymentDeletePermission,
  deploymentReadPermission,
  deploymentUpdatePermission,
} from '@shipgate/plugin-deployments-common';
import { OrgRoles } from '@shipgate/plugin-deployments-node';
import { ShipgatePermissionPolicy } from './ShipgatePermissionPolicy';

const policy = new ShipgatePermissionPolicy(
  OrgRoles.fromConfig(
    new ConfigReader({
      deployments: {
        roles: {
          admin: ['group:default/admins'],
          release_manager: ['group:default/release-managers'],
          developer: ['group:default/developers'],
          sre: ['group:default/sre-team'],
          viewer: ['group:default/viewers'],
          qa: ['group:default/qa-team'],
          billing: ['group:default/billing-team'],
        },
      },
    }),
  ),
);

const userIn = (group: string) =>
  ({
    info: {
      userEntityRef: 'user:default/someone',
      ownershipEntityRefs: ['user:default/someone', `group:default/${group}`],
    },
  } as unknown as PolicyQueryUser);

const decide = async (permission: any, group: string) =>
  (await policy.handle({ permission }, userIn(group))).result;

describe('ShipgatePermissionPolicy', () => {
  it.each([
    ['admins', deploymentDeletePermission, AuthorizeResult.ALLOW],
    ['release-managers', deploymentDeletePermission, AuthorizeResult.ALLOW],
    ['developers', deploymentCreatePermission, AuthorizeResult.ALLOW],
    ['developers', deploymentUpdatePermission, AuthorizeResult.DENY],
    ['sre-team', deploymentUpdatePermission, AuthorizeResult.ALLOW],
    ['viewers', deploymentCreatePermission, AuthorizeResult.DENY],
    ['viewers', deploymentReadPermission, AuthorizeResult.ALLOW],
    ['no-such-group', deploymentCreatePermission, AuthorizeResult.DENY],
    ['developers', deploymentRequestCreatePermission, AuthorizeResult.ALLOW],
    ['viewers', deploymentRequestCreatePermission, AuthorizeResult.DENY],
    ['billing-team', deploymentRequestCreatePermission, AuthorizeResult.DENY],
    ['release-managers', deploymentRequestAdminPermission, AuthorizeResult.ALLOW],
    ['developers', deploymentRequestAdminPermission, AuthorizeResult.DENY],
    ['qa-team', stepCompletePermission, AuthorizeResult.ALLOW],
    ['viewers', stepCompletePermission, AuthorizeResult.DENY],
    ['release-managers', templateManagePermission, AuthorizeResult.ALLOW],
    ['qa-team', templateManagePermission, AuthorizeResult.DENY],
    ['admins', environmentManagePermission, AuthorizeResult.ALLOW],
    ['release-managers', environmentManagePermission, AuthorizeResult.DENY],
    ['sre-team', environmentManagePermission, AuthorizeResult.DENY],
    ['admins', breakGlassPermission, AuthorizeResult.ALLOW],
    ['release-managers', breakGlassPermission, AuthorizeResult.ALLOW],
    ['developers', breakGlassPermission, AuthorizeResult.DENY],
  ])('gives members of %s for %s: %s', async (group, permission, expected) => {
    expect(await decide(permission, group)).toBe(expected);
  });

  it('answers deciding an approval with conditions: the role table and not the requester', async () => {
    const decision = await policy.handle({ permission: approvalDecidePermission }, userIn('qa-team'));
    expect(decision).toEqual({
      result: AuthorizeResult.CONDITIONAL,
      pluginId: 'deployments',
      resourceType: 'deployments-approval-subject',
      conditions: {
        allOf: [
          {
            rule: 'IS_APPROVAL_TYPE_IN',
            resourceType: 'deployments-approval-subject',
            params: { approvalTypes: ['qa', 'performance'] },
          },
          {
            rule: 'IS_NOT_REQUESTER',
            resourceType: 'deployments-approval-subject',
            params: { userEntityRef: 'user:default/someone' },
          },
        ],
      },
    });
  });

  it.each(['viewers', 'billing-team', 'no-such-group'])(
    'refuses deciding any slot to members of %s',
    async group => {
      expect(await decide(approvalDecidePermission, group)).toBe(AuthorizeResult.DENY);
    },
  );

  it("leaves other plugins' permissions allowed", async () => {
    const result = await decide(
      { type: 'basic', name: 'catalog.entity.read', attributes: { action: 'read' } },
      'viewers',
    );
    expect(result).toBe(AuthorizeResult.ALLOW);
  });

  it('refuses a Shipgate action to a request without a user', async () => {
    const decision = await policy.handle({ permission: deploymentCreatePermission });
    expect(decision.result).toBe(AuthorizeResult.DENY);
  });
});
