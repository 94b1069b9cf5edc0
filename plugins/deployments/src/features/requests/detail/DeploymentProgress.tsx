import {
  InfoCard,
  StatusAborted,
  StatusError,
  StatusOK,
  StatusRunning,
} from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import {
  DeploymentCellState,
  DeploymentRequest,
} from '@shipgate/plugin-deployments-common';

/**
 * The seed's four symbols as Backstage status indicators. "Not deployed" uses the grey
 * StatusAborted rather than StatusPending: StatusPending is yellow, the colour the seed gives
 * to "in progress", and the environment matrix already draws "not deployed" grey.
 */
const STATES: Array<{
  state: DeploymentCellState;
  label: string;
  meaning: string;
  Indicator: typeof StatusOK;
}> = [
  {
    state: 'deployed',
    label: 'Deployed',
    meaning: 'Successfully deployed',
    Indicator: StatusOK,
  },
  {
    state: 'not_deployed',
    label: 'Not deployed',
    meaning: 'Not yet deployed',
    Indicator: StatusAborted,
  },
  {
    state: 'failed',
    label: 'Failed',
    meaning: 'Deployment failed',
    Indicator: StatusError,
  },
  {
    state: 'in_progress',
    label: 'In progress',
    meaning: 'Deployment in progress',
    Indicator: StatusRunning,
  },
];

function ProgressState({ state }: { state: DeploymentCellState }) {
  const known = STATES.find(s => s.state === state) ?? STATES[1];
  const { Indicator, label } = known;
  return <Indicator>{label}</Indicator>;
}

/**
 * The seed's progress view: each item of the request (rows) across the environments (columns),
 * in one of four states; the request's target environment is marked.
 */
export function DeploymentProgress({
  request,
}: {
  request: DeploymentRequest;
}) {
  const { environments, rows } = request.progress;
  return (
    <InfoCard title="Deployment progress">
      <Box style={{ overflowX: 'auto' }}>
        <Table size="small" aria-label="Deployment progress">
          <TableHead>
            <TableRow>
              <TableCell>Product</TableCell>
              <TableCell>Version</TableCell>
              {environments.map(environment => (
                <TableCell key={environment}>
                  {environment}
                  {environment === request.environment && (
                    <Typography
                      variant="caption"
                      color="textSecondary"
                      component="div"
                    >
                      target
                    </Typography>
                  )}
                </TableCell>
              ))}
            </TableRow>
          </TableHead>
          <TableBody>
            {rows.map(row => (
              <TableRow key={`${row.product}@${row.version}`}>
                <TableCell>
                  <EntityRefLink
                    entityRef={row.product}
                    defaultKind="component"
                  >
                    {row.productName}
                  </EntityRefLink>
                </TableCell>
                <TableCell>
                  <strong>{row.version}</strong>
                </TableCell>
                {environments.map(environment => (
                  <TableCell key={environment}>
                    <ProgressState
                      state={row.cells[environment]?.state ?? 'not_deployed'}
                    />
                  </TableCell>
                ))}
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </Box>
      <Box
        component="ul"
        aria-label="Legend"
        display="flex"
        flexWrap="wrap"
        mt={2}
        mb={0}
        p={0}
        style={{ listStyle: 'none', gap: 24 }}
      >
        {STATES.map(({ state, meaning, Indicator }) => (
          <li key={state}>
            <Indicator>
              <Typography variant="caption" color="textSecondary">
                {meaning}
              </Typography>
            </Indicator>
          </li>
        ))}
      </Box>
    </InfoCard>
  );
}
