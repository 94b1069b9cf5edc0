import Box from '@material-ui/core/Box';
import TextField from '@material-ui/core/TextField';
import {
  DEPLOYMENT_STATUSES,
  DeploymentStatus,
} from '@shipgate/plugin-deployments-common';

export interface DeploymentHistoryFilterValues {
  environment?: string;
  status?: DeploymentStatus;
}

export interface DeploymentHistoryFiltersProps {
  value: DeploymentHistoryFilterValues;
  onChange: (value: DeploymentHistoryFilterValues) => void;
  /** Environments to choose from; the field is disabled while they load. */
  environments?: Array<{ name: string; title: string }>;
  /** Why the environments could not be listed, if they could not. */
  environmentsError?: Error;
}

/** Environment and status pickers above the deployment history. */
export function DeploymentHistoryFilters({
  value,
  onChange,
  environments,
  environmentsError,
}: DeploymentHistoryFiltersProps) {
  return (
    <Box display="flex" flexWrap="wrap" mb={2} style={{ gap: 16 }}>
      <TextField
        select
        id="deployment-history-environment"
        label="Environment"
        variant="outlined"
        size="small"
        style={{ minWidth: 200 }}
        SelectProps={{ native: true }}
        InputLabelProps={{ shrink: true }}
        disabled={!environments}
        helperText={
          environmentsError
            ? `Environments could not be listed: ${environmentsError.message}`
            : undefined
        }
        value={value.environment ?? ''}
        onChange={event =>
          onChange({ ...value, environment: event.target.value || undefined })
        }
      >
        <option value="">All environments</option>
        {(environments ?? []).map(environment => (
          <option key={environment.name} value={environment.name}>
            {environment.title || environment.name}
          </option>
        ))}
      </TextField>
      <TextField
        select
        id="deployment-history-status"
        label="Status"
        variant="outlined"
        size="small"
        style={{ minWidth: 160 }}
        SelectProps={{ native: true }}
        InputLabelProps={{ shrink: true }}
        value={value.status ?? ''}
        onChange={event =>
          onChange({
            ...value,
            status: (event.target.value || undefined) as
              | DeploymentStatus
              | undefined,
          })
        }
      >
        <option value="">All statuses</option>
        {DEPLOYMENT_STATUSES.map(status => (
          <option key={status} value={status}>
            {status}
          </option>
        ))}
      </TextField>
    </Box>
  );
}
