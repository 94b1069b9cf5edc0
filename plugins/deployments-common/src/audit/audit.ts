export interface AuditEvent {
  id: number;
  actor: string;
  action: string;
  /** What the event was about, e.g. `slot 3 (qa)`, `step 7`, `deployment 42`. */
  target: string | null;
  before: unknown;
  after: unknown;
  comment: string | null;
  createdAt: string;
}
