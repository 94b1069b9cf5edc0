import { ConfigReader } from '@backstage/config';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { PolicyQueryUser } from '@backstage/plugin-permission-node';
import {
  approvalDecidePermission,
  deploymentRequestAdminPermission,
  deploymentRequestCreatePermission,
  stepCompletePermission,
  templateManagePermission,
  pipelineManagePermission,
  promotionApprovePermission,
  environmentManagePermission,
  ruleManagePermission,
  breakGlassPermission,
  deploymentCreatePermission,
  deploymentDeletePermission,
  deploymentReadPermission,
  deploymentUpdatePermission,
  deploymentApprovePermission,
} from '@shipgate/plugin-deployments-common';
import { OrgRoles } from '@shipgate/plugin-deployments-node';
import { OtherPluginsPolicy } from './OtherPluginsPolicy';
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
    ['admins', pipelineManagePermission, AuthorizeResult.ALLOW],
    ['release-managers', pipelineManagePermission, AuthorizeResult.ALLOW],
    ['developers', pipelineManagePermission, AuthorizeResult.DENY],
    ['release-managers', promotionApprovePermission, AuthorizeResult.ALLOW],
    ['qa-team', promotionApprovePermission, AuthorizeResult.DENY],
    ['admins', environmentManagePermission, AuthorizeResult.ALLOW],
    ['release-managers', environmentManagePermission, AuthorizeResult.DENY],
    ['sre-team', environmentManagePermission, AuthorizeResult.DENY],
    ['admins', breakGlassPermission, AuthorizeResult.ALLOW],
    ['release-managers', breakGlassPermission, AuthorizeResult.ALLOW],
    ['developers', breakGlassPermission, AuthorizeResult.DENY],
    ['admins', ruleManagePermission, AuthorizeResult.ALLOW],
    ['release-managers', ruleManagePermission, AuthorizeResult.DENY],
    ['qa-team', ruleManagePermission, AuthorizeResult.DENY],
    // Deployment approvals: the environment's rules name approvers; only lookers are kept out.
    ['qa-team', deploymentApprovePermission, AuthorizeResult.ALLOW],
    ['no-such-group', deploymentApprovePermission, AuthorizeResult.ALLOW],
    ['viewers', deploymentApprovePermission, AuthorizeResult.DENY],
    ['billing-team', deploymentApprovePermission, AuthorizeResult.DENY],
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

  const catalogRead = { type: 'basic', name: 'catalog.entity.read', attributes: { action: 'read' } };
  const catalogDelete = {
    type: 'basic',
    name: 'catalog.entity.delete',
    attributes: { action: 'delete' },
  };
  const catalogRefresh = { type: 'basic', name: 'catalog.entity.refresh', attributes: {} };
  const locationCreate = {
    type: 'basic',
    name: 'catalog.location.create',
    attributes: { action: 'create' },
  };

  it("allows other plugins' reads to everyone and keeps their changes for admins", async () => {
    expect(await decide(catalogRead, 'viewers')).toBe(AuthorizeResult.ALLOW);
    for (const group of ['viewers', 'developers', 'release-managers']) {
      expect(await decide(catalogDelete, group)).toBe(AuthorizeResult.DENY);
      expect(await decide(locationCreate, group)).toBe(AuthorizeResult.DENY);
      // A permission that names no action is not a read.
      expect(await decide(catalogRefresh, group)).toBe(AuthorizeResult.DENY);
    }
    expect(await decide(catalogDelete, 'admins')).toBe(AuthorizeResult.ALLOW);
    expect(await decide(catalogRefresh, 'admins')).toBe(AuthorizeResult.ALLOW);
    expect((await policy.handle({ permission: catalogDelete } as any)).result).toBe(
      AuthorizeResult.DENY,
    );
  });

  it('lets config name who may change things in other plugins', async () => {
    const config = new ConfigReader({
      deployments: {
        roles: {
          admin: ['group:default/admins'],
          release_manager: ['group:default/release-managers'],
        },
        otherPluginsPermissions: { mutatingRoles: ['admin', 'release_manager'] },
      },
    });
    const orgRoles = OrgRoles.fromConfig(config);
    const configured = new ShipgatePermissionPolicy(
      orgRoles,
      OtherPluginsPolicy.fromConfig(config, orgRoles),
    );
    expect(
      (await configured.handle({ permission: catalogDelete } as any, userIn('release-managers')))
        .result,
    ).toBe(AuthorizeResult.ALLOW);
    expect(() =>
      OtherPluginsPolicy.fromConfig(
        new ConfigReader({ deployments: { otherPluginsPermissions: { mutatingRoles: ['root'] } } }),
        orgRoles,
      ),
    ).toThrow(/'root' is not an org role/);
  });

  it('refuses a Shipgate action to a request without a user', async () => {
    const decision = await policy.handle({ permission: deploymentCreatePermission });
    expect(decision.result).toBe(AuthorizeResult.DENY);
  });
});
