import { Knex } from 'knex';
import { PermissionCriteria } from '@backstage/plugin-permission-common';
import { ApprovalSubjectFilter } from '@shipgate/plugin-deployments-node';

/**
 * Translates a permission condition tree into SQL on `approval_subjects as s`, so that lists
 * of what someone may decide are one query however the policy is written.
 */
export function applySubjectCriteria(
  builder: Knex.QueryBuilder,
  criteria: PermissionCriteria<ApprovalSubjectFilter>,
  knex: Knex,
  selfApprovalEnvironments: string[],
): void {
  const apply = (b: Knex.QueryBuilder, c: PermissionCriteria<ApprovalSubjectFilter>) =>
    applySubjectCriteria(b, c, knex, selfApprovalEnvironments);
  if ('allOf' in criteria) {
    builder.where(b => criteria.allOf.forEach(c => b.andWhere(bb => apply(bb, c))));
  } else if ('anyOf' in criteria) {
    builder.where(b => criteria.anyOf.forEach(c => b.orWhere(bb => apply(bb, c))));
  } else if ('not' in criteria) {
    builder.whereNot(b => apply(b, criteria.not));
  } else if ('approvalTypes' in criteria) {
    // `in` rather than a correlated `exists`: the approval-type index finds the few subjects
    // of those types instead of a probe per open subject.
    builder.whereIn(
      's.id',
      knex('approval_requirements').select('subject_id').whereIn('approval_type', criteria.approvalTypes),
    );
  } else {
    builder.where(b => {
      b.whereNull('s.requested_by').orWhereNot('s.requested_by', criteria.notRequester);
      if (selfApprovalEnvironments.length) b.orWhereIn('s.environment', selfApprovalEnvironments);
    });
  }
}
