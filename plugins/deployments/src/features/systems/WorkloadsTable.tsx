import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableRow from '@material-ui/core/TableRow';
import { Workload } from '@shipgate/plugin-deployments-common';

// One line per component: names and versions never wrap mid-word.
const CELL = { borderBottom: 'none', whiteSpace: 'nowrap' as const };

/** A System's workloads in one environment: each component and the version live there. */
export function WorkloadsTable({
  environment,
  workloads,
}: {
  environment: string;
  workloads: Record<string, Workload>;
}) {
  const entries = Object.entries(workloads);
  if (!entries.length) return <>No components</>;
  return (
    <Table
      size="small"
      padding="none"
      aria-label={`Workloads in ${environment}`}
    >
      <TableBody>
        {entries.map(([name, w]) => (
          <TableRow key={name}>
            <TableCell style={{ ...CELL, paddingRight: 12 }}>{name}</TableCell>
            <TableCell style={CELL}>{w.version ?? '—'}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
