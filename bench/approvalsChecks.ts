/*
 * What the approvals benchmark checks around its measurements, so that it measures what it
 * says: before, that GET /tasks lists exactly quinn's qa slots and that the policy refuses her
 * a security slot; after, that every decision counted.
 */
import { PortalBackend, call } from './PortalBackend';
import { decisionPath } from './approvalsSeed';
import {
  APPROVER,
  ALL_DECISIONS,
  DECIDABLE,
  DECISIONS,
  DECISION_WARMUP,
  LISTED_APPROVALS,
  MAX_TASKS,
  qaRequestIds,
} from './approvalsSettings';

/** Checks what quinn sees and may decide after the seed; says what it found. */
export async function checkApproverView(
  portal: PortalBackend,
  headers: Record<string, string>,
): Promise<string> {
  const tasks = await call(portal.port, '/api/deployments/tasks', headers);
  const expected = LISTED_APPROVALS;
  if (tasks.status !== 200 || tasks.body.counts.approvals !== expected) {
    throw new Error(
      `GET /tasks: expected ${expected} approvals for ${APPROVER}, got ${tasks.status} ` +
        `${JSON.stringify(tasks.body?.counts ?? tasks.text.slice(0, 300))}`,
    );
  }
  const listed: number[] = tasks.body.tasks.filter((t: any) => t.kind === 'approval').map((t: any) => t.slot.id);
  const qa = new Set(qaRequestIds);
  if (listed.some(id => !qa.has(id))) {
    throw new Error(`GET /tasks lists slots quinn may not decide: ${listed.filter(id => !qa.has(id)).slice(0, 5)}`);
  }
  const approvable = await call(portal.port, '/api/deployments/requests?approvable=true', headers);
  if (approvable.status !== 200 || approvable.body.length === 0) {
    throw new Error(`GET /requests?approvable=true: ${approvable.status} ${approvable.text.slice(0, 300)}`);
  }
  // The policy is real: a security slot is not quinn's to decide.
  const security = qa.has(1) ? 2 : 1;
  const refused = await fetch(`http://127.0.0.1:${portal.port}${decisionPath(security)}`, {
    method: 'POST',
    headers: { ...headers, 'Content-Type': 'application/json' },
    body: JSON.stringify({ decision: 'approve' }),
  });
  if (refused.status !== 403) {
    throw new Error(`a decision on security slot ${security} answered ${refused.status}, not 403`);
  }
  return (
    `GET /tasks lists ${tasks.body.counts.approvals} approvals, all qa slots ` +
    `(${Math.round(tasks.text.length / 1024)} KiB); GET /requests?approvable=true ` +
    `${approvable.body.length} items; a decision on a security slot answers 403`
  );
}

/** Checks that every decision counted: its request approved, the rest still listed. */
export async function checkEveryDecisionCounted(
  portal: PortalBackend,
  headers: Record<string, string>,
): Promise<number> {
  const decided = ALL_DECISIONS;
  const [{ approved }] = await portal.deploymentsDb('deployment_requests')
    .where({ state: 'approved' })
    .count({ approved: '*' });
  const after = await call(portal.port, '/api/deployments/tasks', headers);
  if (Number(approved) !== decided || after.body?.counts?.approvals !== Math.min(DECIDABLE - decided, MAX_TASKS)) {
    throw new Error(
      `after ${decided} decisions: ${approved} requests approved, GET /tasks lists ` +
        `${after.body?.counts?.approvals} approvals (expected ${decided} and ${DECIDABLE - decided})`,
    );
  }
  return Number(approved);
}
