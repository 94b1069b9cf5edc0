import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import {
  DiffAction,
  PromotionPreview,
} from '@shipgate/plugin-deployments-common';

const ACTION_WORDS: Record<DiffAction, string> = {
  update: 'update',
  add: 'add',
  remove: 'remove',
  no_change: 'no change',
};

const show = (value: string | null) => value ?? '—';

/** A promotion preview: workload versions, variables, conflicts, change count and soak time. */
export function PreviewDiff({ preview }: { preview: PromotionPreview }) {
  const variables = Object.entries(preview.variables);
  // A System's preview names each component it promotes.
  const system = Object.values(preview.workloads).some(w => w.product);
  return (
    <Box>
      <Typography variant="body2" gutterBottom>
        {preview.changes.total} change{preview.changes.total === 1 ? '' : 's'}:{' '}
        {preview.changes.workloads} workload, {preview.changes.variables}{' '}
        variable, {preview.changes.bindings} binding ·{' '}
        {preview.requiredApprovals} approval
        {preview.requiredApprovals === 1 ? '' : 's'} required
      </Typography>
      {preview.soak.requiredMinutes > 0 && (
        <Alert severity={preview.soak.satisfied ? 'success' : 'warning'}>
          {preview.soak.satisfied
            ? `Soak time of ${preview.soak.requiredMinutes} minutes met`
            : `${preview.source} must run its version ${preview.soak.requiredMinutes} minutes first: ${preview.soak.remainingMinutes} minutes left`}
        </Alert>
      )}
      {preview.conflicts.map(c => (
        <Alert key={c.message} severity="warning">
          Conflict: {c.message}
        </Alert>
      ))}
      <Table size="small" aria-label="Workload diff">
        <TableHead>
          <TableRow>
            <TableCell>{system ? 'Component' : 'Workload'}</TableCell>
            <TableCell>{preview.source}</TableCell>
            <TableCell>{preview.target}</TableCell>
            <TableCell>Action</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {Object.entries(preview.workloads).map(([name, w]) => (
            <TableRow key={name}>
              <TableCell>{name}</TableCell>
              <TableCell>{show(w.version.source)}</TableCell>
              <TableCell>{show(w.version.target)}</TableCell>
              <TableCell>{ACTION_WORDS[w.version.action]}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <Table size="small" aria-label="Variable diff">
        <TableHead>
          <TableRow>
            <TableCell>Variable</TableCell>
            <TableCell>{preview.source}</TableCell>
            <TableCell>{preview.target}</TableCell>
            <TableCell>Action</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {variables.length === 0 && (
            <TableRow>
              <TableCell colSpan={4}>No variables on either side</TableCell>
            </TableRow>
          )}
          {variables.map(([key, v]) => (
            <TableRow key={key}>
              <TableCell>{key}</TableCell>
              <TableCell>{show(v.source)}</TableCell>
              <TableCell>{show(v.target)}</TableCell>
              <TableCell>
                {ACTION_WORDS[v.action]}
                {v.conflict && (
                  <Chip
                    size="small"
                    label="changed in target"
                    style={{ marginLeft: 4 }}
                  />
                )}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Box>
  );
}
