import { Deployment, DeploymentStatus, productNameOf } from '@shipgate/plugin-deployments-common';
import { toIsoString } from '../database/timestamps';
import { DeploymentChange, IdempotencyClaim, NewDeployment } from './DeploymentRecord';

/* How deployments and idempotency keys are written as rows and read back. */

export type DeploymentRow = {
  id: number | string;
  product: string;
  version: string;
  environment: string;
  status: string;
  blocked_reason: string | null;
  ref: string | null;
  sha: string | null;
  tag: string | null;
  deployed_by: string | null;
  build_url: string | null;
  extra_metadata: string | null;
  deployment_request_id: number | string | null;
  break_glass_id?: number | string | null;
  created_at: Date | string;
  updated_at: Date | string;
  started_at: Date | string | null;
  finished_at: Date | string | null;
};

export function toDeployment(row: DeploymentRow): Deployment {
  const id = Number(row.id);
  return {
    id,
    iid: id,
    product: row.product,
    product_name: productNameOf(row.product),
    version: row.version,
    environment: row.environment,
    status: row.status as DeploymentStatus,
    blocked_reason: row.blocked_reason ?? null,
    ref: row.ref,
    sha: row.sha,
    tag: row.tag,
    deployed_by: row.deployed_by,
    build_url: row.build_url,
    extra_metadata: row.extra_metadata ? JSON.parse(row.extra_metadata) : null,
    deployment_request_id:
      row.deployment_request_id === null ? null : Number(row.deployment_request_id),
    break_glass_id:
      row.break_glass_id === null || row.break_glass_id === undefined
        ? null
        : Number(row.break_glass_id),
    created_at: toIsoString(row.created_at),
    updated_at: toIsoString(row.updated_at),
    started_at: toIsoString(row.started_at),
    finished_at: toIsoString(row.finished_at),
  };
}

export function newRow(d: NewDeployment) {
  return {
    product: d.product,
    version: d.version,
    environment: d.environment,
    status: d.status,
    blocked_reason: d.blockedReason,
    ref: d.ref,
    sha: d.sha,
    tag: d.tag,
    deployed_by: d.deployedBy,
    build_url: d.buildUrl,
    extra_metadata: d.extraMetadata ? JSON.stringify(d.extraMetadata) : null,
    deployment_request_id: d.deploymentRequestId,
    break_glass_id: d.breakGlassId ?? null,
    created_at: d.createdAt,
    updated_at: d.createdAt,
    started_at: d.startedAt,
    finished_at: d.finishedAt,
  };
}

export function changeRow(c: DeploymentChange) {
  const row: Record<string, unknown> = { status: c.status, updated_at: c.updatedAt };
  if (c.blockedReason !== undefined) row.blocked_reason = c.blockedReason;
  if (c.startedAt !== undefined) row.started_at = c.startedAt;
  if (c.finishedAt !== undefined) row.finished_at = c.finishedAt;
  if (c.ref !== undefined) row.ref = c.ref;
  if (c.sha !== undefined) row.sha = c.sha;
  if (c.tag !== undefined) row.tag = c.tag;
  if (c.buildUrl !== undefined) row.build_url = c.buildUrl;
  if (c.extraMetadata !== undefined) {
    row.extra_metadata = c.extraMetadata ? JSON.stringify(c.extraMetadata) : null;
  }
  if (c.deploymentRequestId !== undefined) row.deployment_request_id = c.deploymentRequestId;
  if (c.breakGlassId !== undefined) row.break_glass_id = c.breakGlassId;
  return row;
}

export function keyRow(claim: IdempotencyClaim, deploymentId: number) {
  return {
    key: claim.key,
    request_hash: claim.requestHash,
    deployment_id: deploymentId,
    created_at: new Date().toISOString(),
  };
}

export function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; message?: string };
  return (
    e?.code === '23505' || // PostgreSQL
    e?.code === 'SQLITE_CONSTRAINT_PRIMARYKEY' ||
    e?.code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    /UNIQUE constraint failed/.test(e?.message ?? '')
  );
}
