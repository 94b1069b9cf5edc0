import Box from '@material-ui/core/Box';
import {
  DEPLOYMENT_STATUSES,
  DeploymentStatus,
} from '@shipgate/plugin-deployments-common';
import {
  FilterSelect,
  environmentOptions,
} from '../../../components/FilterSelect';

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
      <FilterSelect
        id="deployment-history-environment"
        label="Environment"
        allLabel="All environments"
        minWidth={200}
        options={environmentOptions(environments)}
        disabled={!environments}
        helperText={
          environmentsError
            ? `Environments could not be listed: ${environmentsError.message}`
            : undefined
        }
        value={value.environment}
        onChange={environment => onChange({ ...value, environment })}
      />
      <FilterSelect<DeploymentStatus>
        id="deployment-history-status"
        label="Status"
        allLabel="All statuses"
        options={DEPLOYMENT_STATUSES.map(status => ({
          value: status,
          label: status,
        }))}
        value={value.status}
        onChange={status => onChange({ ...value, status })}
      />
    </Box>
  );
}
