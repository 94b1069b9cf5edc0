import { InfoCard } from '@backstage/core-components';
import { UserRef } from '../../../components/UserRef';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { AuditEvent } from '@shipgate/plugin-deployments-common';
import { RelativeTime } from '../../../components/RelativeTime';

/** A before/after value as one short line: strings as they are, the rest as JSON. */
export function auditValueText(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean')
    return String(value);
  if (
    typeof value === 'object' &&
    'state' in value &&
    Object.keys(value).length === 1
  ) {
    return String((value as { state: unknown }).state);
  }
  return JSON.stringify(value);
}

function Change({ event }: { event: AuditEvent }) {
  const hasBefore = event.before !== null && event.before !== undefined;
  const hasAfter = event.after !== null && event.after !== undefined;
  if (!hasBefore && !hasAfter) return <>—</>;
  return (
    <span>
      {hasBefore && <code>{auditValueText(event.before)}</code>}
      {hasBefore && ' → '}
      {hasAfter && <code>{auditValueText(event.after)}</code>}
    </span>
  );
}

/** Every event of a request, oldest first: who did what to which part, and when. */
export function AuditTrail({ events }: { events: AuditEvent[] }) {
  const ordered = [...events].sort(
    (a, b) => a.createdAt.localeCompare(b.createdAt) || a.id - b.id,
  );
  return (
    <InfoCard title="Audit trail">
      {ordered.length === 0 ? (
        <Typography variant="body2" color="textSecondary">
          Nothing recorded yet.
        </Typography>
      ) : (
        <Table size="small" aria-label="Audit trail">
          <TableHead>
            <TableRow>
              <TableCell>When</TableCell>
              <TableCell>Who</TableCell>
              <TableCell>Action</TableCell>
              <TableCell>Target</TableCell>
              <TableCell>Change</TableCell>
              <TableCell>Comment</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {ordered.map(event => (
              <TableRow key={event.id}>
                <TableCell style={{ whiteSpace: 'nowrap' }}>
                  <RelativeTime value={event.createdAt} />
                </TableCell>
                <TableCell>
                  <UserRef entityRef={event.actor} />
                </TableCell>
                <TableCell>{event.action.replace(/[_.]/g, ' ')}</TableCell>
                <TableCell>{event.target ?? '—'}</TableCell>
                <TableCell>
                  <Change event={event} />
                </TableCell>
                <TableCell style={{ whiteSpace: 'pre-wrap' }}>
                  {event.comment ?? '—'}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </InfoCard>
  );
}
