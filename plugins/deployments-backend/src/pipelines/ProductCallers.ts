import {
  HttpAuthService,
  PermissionsService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  ProductSummary,
  deploymentRequestCreatePermission,
  pipelineManagePermission,
  promotionApprovePermission,
} from '@shipgate/plugin-deployments-common';
import express from 'express';
import { Actor } from '../auth/Actor';

/** Who is asking, as far as a product's pipeline and environment configuration care. */
export interface ProductCaller {
  userRef: string;
  ownershipRefs: string[];
  /** The policy's answer for the manage-pipeline permission. */
  mayManagePipelines: boolean;
  /** The policy's answer for deciding promotions (owners may decide their own as well). */
  mayApprovePromotions: boolean;
  /** Requesting a promotion takes what creating a deployment request takes. */
  mayRequestPromotions: boolean;
}

/**
 * Whether the caller may change the product's pipeline and environment configuration:
 * the policy says so (admins, release managers), or they own the product in the catalog.
 */
export function mayManageProduct(product: ProductSummary, caller: ProductCaller): boolean {
  return (
    caller.mayManagePipelines ||
    (product.owner !== null && caller.ownershipRefs.includes(product.owner))
  );
}

/** The product caller an {@link Actor} is (the policy's answers are the same). */
export function productCallerOf(actor: Actor): ProductCaller {
  return {
    userRef: actor.userRef,
    ownershipRefs: actor.ownershipRefs,
    mayManagePipelines: actor.canManagePipelines,
    mayApprovePromotions: actor.canApprovePromotions,
    mayRequestPromotions: actor.canCreateRequests,
  };
}

/** Reads a request's caller: the signed-in user, their groups, the policy's answer. */
export class ProductCallers {
  constructor(
    private readonly httpAuth: HttpAuthService,
    private readonly userInfo: UserInfoService,
    private readonly permissions: PermissionsService,
  ) {}

  async of(req: express.Request): Promise<ProductCaller> {
    const credentials = await this.httpAuth.credentials(req, { allow: ['user'] });
    // One round trip to the permission backend for the three answers.
    const [info, decisions] = await Promise.all([
      this.userInfo.getUserInfo(credentials),
      this.permissions.authorize(
        [
          { permission: pipelineManagePermission },
          { permission: promotionApprovePermission },
          { permission: deploymentRequestCreatePermission },
        ],
        { credentials },
      ),
    ]);
    const [manage, approve, request] = decisions.map(d => d.result === AuthorizeResult.ALLOW);
    return {
      userRef: credentials.principal.userEntityRef,
      ownershipRefs: info.ownershipEntityRefs,
      mayManagePipelines: manage,
      mayApprovePromotions: approve,
      mayRequestPromotions: request,
    };
  }
}
