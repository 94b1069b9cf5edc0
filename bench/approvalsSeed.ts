/*
 * The approvals benchmark's data set: REQUESTS deployment requests in progress, written
 * straight into the deployments plugin's tables with explicit ids, one approval slot each.
 */
import fs from 'fs';
import path from 'path';
import { Knex } from 'knex';
import { parseAllDocuments } from 'yaml';
import { PortalDatabase } from './PortalBackend';
import { ENVIRONMENT, REQUESTER, REQUESTS, qaRequestIds } from './approvalsSettings';

const ROOT = path.resolve(__dirname, '..');

/** The Components of the example catalog, which the requests deploy. */
function exampleProducts(): string[] {
  const text = fs.readFileSync(path.join(ROOT, 'examples/entities.yaml'), 'utf8');
  return parseAllDocuments(text)
    .map(d => d.toJS())
    .filter(e => e?.kind === 'Component')
    .map(e => `component:${e.metadata.namespace ?? 'default'}/${e.metadata.name}`);
}

/** The decision endpoint of request `requestId`'s one slot. */
export const decisionPath = (requestId: number) =>
  // One slot per request, and the slot's id is the request's (see seed).
  `/api/deployments/requests/${requestId}/slots/${requestId}/decision`;

/** Requests per transaction: knex writes a SQLite batch as one compound SELECT of ≤ 500 terms. */
const CHUNK = 200;

/**
 * Writes REQUESTS in-progress requests by devon into the deployments plugin's tables, as
 * POST /requests (submit: true) would leave them, with explicit ids 1..REQUESTS: request i
 * has item i, approval subject i (its slot) and requirement i.
 */
export async function seed(knex: Knex, database: PortalDatabase) {
  const [{ count }] = await knex('deployment_requests').count({ count: '*' });
  if (Number(count) > 0) throw new Error(`deployment_requests is not empty (${count} rows)`);
  const products = exampleProducts();
  const qa = new Set(qaRequestIds);
  const base = Date.now() - REQUESTS * 60_000; // one request a minute until now
  for (let from = 1; from <= REQUESTS; from += CHUNK) {
    const ids = Array.from({ length: Math.min(CHUNK, REQUESTS - from + 1) }, (_, k) => from + k);
    const at = (i: number, offsetMs = 0) => new Date(base + i * 60_000 + offsetMs).toISOString();
    const product = (i: number) => products[i % products.length];
    const version = (i: number) => `1.${Math.floor(i / 100)}.${i % 100}`;
    await knex.transaction(async tx => {
      await tx('deployment_requests').insert(
        ids.map(i => ({
          id: i,
          title: `Deploy ${product(i).split('/')[1]} ${version(i)} to ${ENVIRONMENT}`,
          description: '',
          environment: ENVIRONMENT,
          state: 'in_progress',
          created_by: REQUESTER,
          template_id: null,
          cloned_from_id: null,
          created_at: at(i),
          updated_at: at(i, 5_000),
          submitted_at: at(i, 5_000),
          resolved_at: null,
          completed_at: null,
        })),
      );
      await tx('deployment_request_items').insert(
        ids.map(i => ({ id: i, request_id: i, product: product(i), version: version(i), position: 0 })),
      );
      await tx('approval_subjects').insert(
        ids.map(i => ({
          id: i,
          kind: 'request_slot',
          owner_id: i,
          position: 0,
          requested_by: REQUESTER,
          environment: ENVIRONMENT,
          state: 'open',
          active: true,
          created_at: at(i),
        })),
      );
      await tx('approval_requirements').insert(
        ids.map(i => ({
          id: i,
          subject_id: i,
          approval_type: qa.has(i) ? 'qa' : 'security',
          role: null,
          group_ref: null,
          user_ref: null,
          required_count: 1,
          position: 0,
        })),
      );
      await tx('audit_events').insert(
        ids.flatMap(i => [
          {
            subject_type: 'deployment_request',
            subject_id: i,
            actor: REQUESTER,
            action: 'created',
            after: JSON.stringify({ state: 'draft' }),
            created_at: at(i),
          },
          {
            subject_type: 'deployment_request',
            subject_id: i,
            actor: REQUESTER,
            action: 'submitted',
            before: JSON.stringify({ state: 'draft' }),
            after: JSON.stringify({ state: 'in_progress' }),
            created_at: at(i, 5_000),
          },
        ]),
      );
    });
  }
  const tables = [
    'deployment_requests',
    'deployment_request_items',
    'approval_subjects',
    'approval_requirements',
    'approval_decisions',
    'audit_events',
  ];
  if (database === 'postgres') {
    // Rows written with explicit ids: the next generated id must follow them.
    for (const table of tables.slice(0, 4)) {
      await knex.raw(`select setval(pg_get_serial_sequence(?, 'id'), (select max(id) from ??))`, [table, table]);
    }
    // What autovacuum does on its own within a minute of such a load.
    for (const table of tables) await knex.raw('ANALYZE ??', [table]);
  }
  // SQLite: no ANALYZE. Nothing runs it in a live Shipgate, so its planner works without
  // statistics here as it does there.
}
