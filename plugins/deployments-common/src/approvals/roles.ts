/** Approval types a deployment request slot can ask for (the seed's list). */
export const APPROVAL_TYPES = [
  'code_review',
  'qa',
  'security',
  'uat',
  'compliance',
  'performance',
] as const;
export type ApprovalType = (typeof APPROVAL_TYPES)[number];

export const ORG_ROLES = [
  'admin',
  'release_manager',
  'product',
  'qa',
  'security',
  'developer',
  'compliance',
  'sre',
  'billing',
  'viewer',
] as const;
export type OrgRole = (typeof ORG_ROLES)[number];

/** The seed's table: which approval types each organization role may decide. */
export const ROLE_APPROVAL_TYPES: Record<OrgRole, readonly ApprovalType[]> = {
  admin: APPROVAL_TYPES,
  release_manager: APPROVAL_TYPES,
  product: ['uat'],
  qa: ['qa', 'performance'],
  security: ['security'],
  developer: ['code_review'],
  compliance: ['compliance'],
  sre: ['performance'],
  billing: [],
  viewer: [],
};

/** The approval types a person with these roles may decide, without repeats. */
export function approvalTypesOf(roles: readonly OrgRole[]): ApprovalType[] {
  const types = new Set<ApprovalType>();
  for (const role of roles) ROLE_APPROVAL_TYPES[role].forEach(t => types.add(t));
  return APPROVAL_TYPES.filter(t => types.has(t));
}

/** What GET /me answers. */
export interface CallerProfile {
  userEntityRef: string;
  roles: OrgRole[];
  approvalTypes: ApprovalType[];
}
