import { useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import {
  Content,
  Header,
  Link,
  Page,
  Progress,
  ResponseErrorPanel,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { BreakGlassReportEntry } from '@shipgate/plugin-deployments-common';
import { deploymentsApiRef } from '../../api';
import { DeploymentStatusLabel } from '../deployments/history/DeploymentStatusLabel';
import { formatMoment } from '../freezes/freezeText';
import { ENVIRONMENTS_PATH } from '../../routes';

/** `2026-12-24` (a date input) → the start or end of that day, in the viewer's zone, as ISO. */
function dayBound(value: string, end: boolean): string | undefined {
  if (!value) return undefined;
  const day = new Date(`${value}T00:00:00`);
  if (end) day.setDate(day.getDate() + 1);
  return day.toISOString();
}

/** How a session ended, or when it will: closed by someone, expired, or still open. */
function sessionEndText(session: BreakGlassReportEntry): string {
  if (session.open) return `open, closes ${formatMoment(session.expiresAt)}`;
  if (session.closedBy) return `closed by ${session.closedBy}`;
  return 'expired';
}

const columns: TableColumn<BreakGlassReportEntry>[] = [
  {
    title: 'Environment',
    field: 'environment',
    render: s => <strong>{s.environment}</strong>,
  },
  { title: 'Opened by', field: 'openedBy' },
  { title: 'Reason', field: 'reason' },
  {
    title: 'When',
    field: 'openedAt',
    render: s => (
      <>
        {formatMoment(s.openedAt)}
        <Typography variant="caption" color="textSecondary" component="div">
          {sessionEndText(s)}
        </Typography>
      </>
    ),
  },
  {
    title: 'How long',
    field: 'durationMinutes',
    render: s => (
      <>
        {s.durationMinutes} min{' '}
        {s.open && <Chip size="small" variant="outlined" label="Open" />}
      </>
    ),
  },
  {
    title: 'Deployments through it',
    field: 'deployments',
    render: s =>
      s.deployments.length ? (
        <Box display="flex" flexDirection="column" style={{ gap: 4 }}>
          {s.deployments.map(d => (
            <Box
              key={d.id}
              display="flex"
              alignItems="center"
              style={{ gap: 8 }}
            >
              <span>
                #{d.id} {d.product_name} {d.version}
              </span>
              <DeploymentStatusLabel status={d.status} />
            </Box>
          ))}
        </Box>
      ) : (
        'none'
      ),
  },
];

/**
 * The break-glass report: every session (who, why, when, how long) with the deployments
 * that went through each, filtered by environment and time, for review afterwards.
 */
export function BreakGlassReportPage() {
  const api = useApi(deploymentsApiRef);
  const [environment, setEnvironment] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const environments = useAsyncRetry(() => api.listEnvironments(), [api]);
  const report = useAsyncRetry(
    () =>
      api.getBreakGlassReport({
        environment: environment || undefined,
        from: dayBound(from, false),
        to: dayBound(to, true),
      }),
    [api, environment, from, to],
  );

  return (
    <Page themeId="tool">
      <Header
        title="Break-glass report"
        subtitle="Who overrode a freeze, why, and what went through"
      >
        <Link to={ENVIRONMENTS_PATH}>Environments</Link>
      </Header>
      <Content>
        <Box display="flex" flexWrap="wrap" mb={2} style={{ gap: 16 }}>
          <TextField
            id="break-glass-environment"
            select
            label="Environment"
            value={environment}
            onChange={e => setEnvironment(e.target.value)}
            style={{ minWidth: 200 }}
          >
            <MenuItem value="">All</MenuItem>
            {(environments.value ?? []).map(e => (
              <MenuItem key={e.name} value={e.name}>
                {e.title}
              </MenuItem>
            ))}
          </TextField>
          <TextField
            id="break-glass-from"
            label="From"
            type="date"
            value={from}
            onChange={e => setFrom(e.target.value)}
            InputLabelProps={{ shrink: true }}
          />
          <TextField
            id="break-glass-to"
            label="To"
            type="date"
            value={to}
            onChange={e => setTo(e.target.value)}
            InputLabelProps={{ shrink: true }}
          />
        </Box>
        {report.error && <ResponseErrorPanel error={report.error} />}
        {report.loading && !report.value && <Progress />}
        {report.value && (
          <Table
            title="Break-glass sessions"
            options={{
              paging: false,
              search: false,
              sorting: false,
              padding: 'dense',
            }}
            columns={columns}
            data={report.value}
            emptyContent={
              <Box p={2}>
                <Typography>No break-glass sessions in this window.</Typography>
              </Box>
            }
          />
        )}
      </Content>
    </Page>
  );
}
