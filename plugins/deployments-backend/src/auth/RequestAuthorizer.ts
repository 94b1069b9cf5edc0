import {
  BackstageCredentials,
  BackstageServicePrincipal,
  BackstageUserPrincipal,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import { AuthorizeResult, BasicPermission } from '@backstage/plugin-permission-common';
import { Request } from 'express';

export type Caller = BackstageCredentials<BackstageUserPrincipal | BackstageServicePrincipal>;

/**
 * Who is calling, and whether they may: users with their Backstage identity, CI with a
 * service token. No credentials → 401 (from httpAuth); refused by policy → 403.
 */
export class RequestAuthorizer {
  constructor(
    private readonly httpAuth: HttpAuthService,
    private readonly permissions: PermissionsService,
  ) {}

  async authorize(req: Request, permission: BasicPermission): Promise<Caller> {
    const credentials = await this.httpAuth.credentials(req, { allow: ['user', 'service'] });
    const [decision] = await this.permissions.authorize([{ permission }], { credentials });
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(`you are not allowed to ${permission.name}`);
    }
    return credentials;
  }
}

/** How a caller is named in records: a user's entity ref, or the service's subject. */
export function callerName(caller: Caller): string {
  return caller.principal.type === 'user'
    ? caller.principal.userEntityRef
    : caller.principal.subject;
}
