import { AuditEntry, AuditLog } from '../audit/AuditLog';
import { Transaction } from '../database/transactions';

/** The audit trail of deployment requests, written in the change's own transaction. */
export class RequestAudit {
  constructor(private readonly log: AuditLog) {}

  append(tx: Transaction, requestId: number, entry: AuditEntry, now: string) {
    return this.log.append(tx, { type: 'deployment_request', id: requestId }, entry, now);
  }

  appendAll(tx: Transaction, requestId: number, entries: AuditEntry[], now: string) {
    return this.log.appendAll(tx, { type: 'deployment_request', id: requestId }, entries, now);
  }

  list(requestId: number) {
    return this.log.list({ type: 'deployment_request', id: requestId });
  }
}
