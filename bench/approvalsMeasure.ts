/*
 * What the approvals benchmark measures, with quinn's token: GET /me, GET /tasks and
 * GET /requests?approvable=true at concurrency 1, then decisions on distinct qa slots at
 * concurrency 1 and DECISION_CONCURRENCY; per batch the latencies, the CPU of the backend and
 * PostgreSQL, and the HTTP requests the backend made to itself.
 */
import {
  LoadClient,
  LoadResult,
  Request,
  Stats,
  assertAllSucceeded,
  postgresCpuSeconds,
  processCpuSeconds,
  statsOf,
  withCpuPerRequest,
} from './benchKit';
import { PortalBackend, PortalDatabase } from './PortalBackend';
import { decisionPath } from './approvalsSeed';
import {
  CONCURRENT_DECISIONS,
  DECISIONS,
  DECISION_CONCURRENCY,
  DECISION_INTERVAL_MS,
  DECISION_WARMUP,
  PACED_DECISIONS,
  LISTED_APPROVALS,
  READS,
  READ_WARMUP,
  TARGET_DECISION_P95_MS,
  TARGET_TASKS_P95_MS,
  qaRequestIds,
} from './approvalsSettings';

export type Row = {
  name: string;
  concurrency: number;
  stats: Stats;
  target?: number;
  /** HTTP requests the backend made to itself per measured request. */
  internalCalls?: number;
};

/**
 * Runs one batch and says its latencies, the CPU the backend and PostgreSQL spent on it, and
 * how many HTTP requests the backend made to itself per request (plugin to plugin: user info,
 * permission policy, conditions, notifications, events), counted in its request log.
 */
export async function measure(
  name: string,
  batch: () => Promise<LoadResult>,
  portal: PortalBackend,
  database: PortalDatabase,
  concurrency: number,
  target?: number,
): Promise<Row> {
  const pid = portal.pid;
  const log0 = portal.logSize();
  const node0 = processCpuSeconds(pid);
  const pg0 = database === 'postgres' ? postgresCpuSeconds() : 0;
  const result = await batch();
  const nodeS = processCpuSeconds(pid) - node0;
  const pgS = database === 'postgres' ? postgresCpuSeconds() - pg0 : 0;
  assertAllSucceeded(name, [result]);
  const stats = statsOf([result]);
  // The log line of a request is written when it ends: wait for the last ones.
  await new Promise(r => setTimeout(r, 200));
  const served = portal.loggedRequestsSince(log0);
  return {
    name,
    concurrency,
    target,
    stats: withCpuPerRequest(stats, nodeS, pgS),
    internalCalls: served === undefined ? undefined : Math.max(0, served - stats.n) / stats.n,
  };
}

/** Warms up and measures every row, in the order the report prints them. */
export async function measureApprovals(
  portal: PortalBackend,
  database: PortalDatabase,
  client: LoadClient,
  headers: Record<string, string>,
): Promise<Row[]> {
  const get = (p: string, n: number): Request[] =>
    Array.from({ length: n }, () => ({ method: 'GET', path: p }));
  const decide = (ids: number[]): Request[] =>
    ids.map(id => ({ method: 'POST', path: decisionPath(id), body: { decision: 'approve' } }));
  // Every request carries quinn's token.
  const send = (requests: Request[], concurrency: number, intervalMs?: number) =>
    client.run(portal.port, requests, concurrency, headers, intervalMs);
  const runAs = (
    name: string,
    requests: Request[],
    concurrency: number,
    target?: number,
    intervalMs?: number,
  ) => measure(name, () => send(requests, concurrency, intervalMs), portal, database, concurrency, target);

  const rows: Row[] = [];
  const paths = {
    me: '/api/deployments/me',
    tasks: '/api/deployments/tasks',
    approvable: '/api/deployments/requests?approvable=true',
  };
  for (const p of Object.values(paths)) {
    assertAllSucceeded(`warm-up ${p}`, [await send(get(p, READ_WARMUP), 1)]);
  }
  rows.push(await runAs('(info) GET /me', get(paths.me, READS), 1));
  rows.push(await runAs(`GET /tasks (${LISTED_APPROVALS} approvals)`, get(paths.tasks, READS), 1, TARGET_TASKS_P95_MS));
  rows.push(await runAs('(info) GET /requests?approvable=true', get(paths.approvable, READS), 1));

  const slots = [...qaRequestIds];
  const take = (n: number) => slots.splice(0, n);
  assertAllSucceeded('warm-up decisions', [await send(decide(take(DECISION_WARMUP)), 1)]);
  if (PACED_DECISIONS > 0) {
    rows.push(
      await runAs(
        `POST …/decision (approve), one every ${DECISION_INTERVAL_MS} ms`,
        decide(take(PACED_DECISIONS)),
        1,
        undefined,
        DECISION_INTERVAL_MS,
      ),
    );
  }
  rows.push(await runAs('POST …/decision (approve)', decide(take(DECISIONS)), 1, TARGET_DECISION_P95_MS));
  if (CONCURRENT_DECISIONS > 0) {
    rows.push(
      await runAs('POST …/decision (approve)', decide(take(CONCURRENT_DECISIONS)), DECISION_CONCURRENCY),
    );
  }
  return rows;
}
