import { useState } from 'react';
import { InfoCard, Table, TableColumn } from '@backstage/core-components';
import Button from '@material-ui/core/Button';
import {
  EnvironmentConfig,
  ProductEnvironmentConfigs,
} from '@shipgate/plugin-deployments-common';
import { WorkloadsTable } from '../systems/WorkloadsTable';
import { ConfigHistoryDialog } from './ConfigHistoryDialog';
import { EnvironmentConfigDialog } from './EnvironmentConfigDialog';

export interface EnvironmentConfigCardProps {
  product: string;
  configs: ProductEnvironmentConfigs;
  /** Environments to show, in order (the pipeline's stages). */
  environments: string[];
  onChanged: (config: EnvironmentConfig) => void;
}

/** The product's configuration per stage: version, variables, history; editable by managers. */
export function EnvironmentConfigCard(props: EnvironmentConfigCardProps) {
  const { product, configs, environments, onChanged } = props;
  const [editing, setEditing] = useState<EnvironmentConfig>();
  const [history, setHistory] = useState<string>();
  const byName = new Map(configs.environments.map(c => [c.environment, c]));
  const rows = environments
    .map(e => byName.get(e))
    .filter((c): c is EnvironmentConfig => !!c);

  // A System has no version of its own: each component's version is a workload.
  const system = rows.some(r => r.workloads);
  const columns: TableColumn<EnvironmentConfig>[] = [
    { title: 'Environment', field: 'environment' },
    system
      ? {
          title: 'Workloads',
          field: 'workloads',
          render: row => (
            <WorkloadsTable
              environment={row.environment}
              workloads={row.workloads ?? {}}
            />
          ),
        }
      : {
          title: 'Version',
          field: 'version',
          render: row => row.version ?? '—',
        },
    {
      title: 'Variables',
      field: 'variables',
      render: row => {
        const entries = Object.entries(row.variables);
        if (!entries.length) return '—';
        const shown = entries
          .slice(0, 3)
          .map(([k, v]) => `${k}=${v}`)
          .join(', ');
        return entries.length > 3 ? `${shown} … (${entries.length})` : shown;
      },
    },
    { title: 'Revision', field: 'revision' },
    {
      title: 'Actions',
      field: 'environment',
      render: row => (
        <>
          {configs.canManage && (
            <Button
              size="small"
              aria-label={`Edit configuration of ${row.environment}`}
              onClick={() => setEditing(row)}
            >
              Edit
            </Button>
          )}
          <Button
            size="small"
            aria-label={`History of ${row.environment}`}
            onClick={() => setHistory(row.environment)}
          >
            History
          </Button>
        </>
      ),
    },
  ];

  return (
    <InfoCard title="Environment configuration" noPadding>
      <Table
        options={{
          paging: false,
          search: false,
          toolbar: false,
          padding: 'dense',
          // Column dragging nests a focusable drag handle inside each sortable header button
          // (axe nested-interactive, WCAG 4.1.2); sorting stays.
          draggable: false,
        }}
        data={rows}
        columns={columns}
      />
      {editing && (
        <EnvironmentConfigDialog
          product={product}
          config={editing}
          onClose={() => setEditing(undefined)}
          onSaved={config => {
            setEditing(undefined);
            onChanged(config);
          }}
        />
      )}
      {history && (
        <ConfigHistoryDialog
          product={product}
          environment={history}
          onClose={() => setHistory(undefined)}
        />
      )}
    </InfoCard>
  );
}
