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
import { usePermission } from '@backstage/plugin-permission-react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import IconButton from '@material-ui/core/IconButton';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import AcUnitIcon from '@material-ui/icons/AcUnit';
import AddIcon from '@material-ui/icons/Add';
import EditIcon from '@material-ui/icons/Edit';
import {
  EnvironmentOverview,
  breakGlassPermission,
  environmentManagePermission,
} from '@shipgate/plugin-deployments-common';
import { BREAK_GLASS_REPORT_PATH, RULES_PATH } from '../../routes';
import { BreakGlassDialog } from '../breakGlass/BreakGlassDialog';
import { deploymentsApiRef } from '../../api';
import { ReadableTextTheme } from '../../components/ReadableTextTheme';
import { ServerErrorAlert } from '../../components/ServerErrorAlert';
import { useServerAction } from '../../hooks/useServerAction';
import { FreezeDialog } from '../freezes/FreezeDialog';
import { StopTheLineDialog } from '../freezes/StopTheLineDialog';
import { FreezeLine } from '../freezes/FreezeLine';
import { EnvironmentDialog } from './EnvironmentDialog';
import { EnvironmentStatusCell } from './EnvironmentStatusCell';
import { ProtectionCell } from '../protection/ProtectionCell';
import { ProtectionDialog } from '../protection/ProtectionDialog';

/**
 * Environments, for admins: each with its deploy policy and approvals, whether it is frozen
 * now, and its freezes (upcoming windows at a glance, recurring schedules in words). People
 * allowed to manage environments edit them, add and lift freezes, and stop the line.
 */
export function EnvironmentsPage() {
  const api = useApi(deploymentsApiRef);
  const { allowed: canManage } = usePermission({
    permission: environmentManagePermission,
  });
  const { allowed: canBreakGlass } = usePermission({
    permission: breakGlassPermission,
  });
  const environments = useAsyncRetry(() => api.listEnvironments(), [api]);
  const [breaking, setBreaking] = useState<EnvironmentOverview>();
  const [editing, setEditing] = useState<EnvironmentOverview>();
  const [freezing, setFreezing] = useState<EnvironmentOverview>();
  const [protecting, setProtecting] = useState<EnvironmentOverview>();
  const [stopping, setStopping] = useState(false);
  // Lifting a freeze, deleting one or closing break-glass: the list is read again either way,
  // since a refusal may mean someone else changed it.
  const {
    run: act,
    error: actionError,
    dismiss: dismissActionError,
  } = useServerAction(async (action: () => Promise<unknown>) => {
    try {
      await action();
    } finally {
      environments.retry();
    }
  });

  const all = environments.value ?? [];
  // "Stop the line" freezes hold every environment: shown once, above the table.
  const global = all[0]?.freezes.filter(f => f.environment === null) ?? [];

  const columns: TableColumn<EnvironmentOverview>[] = [
    {
      title: 'Environment',
      field: 'name',
      cellStyle: { whiteSpace: 'nowrap' },
      render: e => (
        <>
          <strong>{e.title}</strong>
          <Typography variant="caption" color="textSecondary" component="div">
            {e.name} · {e.tier}
          </Typography>
        </>
      ),
    },
    {
      title: 'Policy',
      field: 'deployPolicy',
      cellStyle: { whiteSpace: 'nowrap' },
      render: e => (
        <>
          {e.deployPolicy}
          <Typography variant="caption" color="textSecondary" component="div">
            {e.requiredApprovals} approval{e.requiredApprovals === 1 ? '' : 's'}
            {e.allowSelfApproval ? ', self-approval allowed' : ''}
          </Typography>
        </>
      ),
    },
    {
      title: 'Protection',
      field: 'protection',
      render: e => (
        <ProtectionCell
          environment={e}
          onEdit={canManage ? () => setProtecting(e) : undefined}
        />
      ),
    },
    {
      title: 'Status',
      field: 'frozen',
      render: e => (
        <EnvironmentStatusCell
          environment={e}
          onBreakGlass={canBreakGlass ? () => setBreaking(e) : undefined}
          onCloseBreakGlass={
            canBreakGlass
              ? id => act(() => api.closeBreakGlass(e.name, id))
              : undefined
          }
        />
      ),
    },
    {
      title: 'Freezes',
      field: 'freezes',
      // Reasons and schedules are sentences: room for them before the narrow columns.
      cellStyle: { minWidth: 240 },
      headerStyle: { minWidth: 240 },
      render: e => {
        const own = e.freezes.filter(f => f.environment !== null);
        return own.length ? (
          <Box display="flex" flexDirection="column" style={{ gap: 4 }}>
            {own.map(f => (
              <FreezeLine
                key={f.id}
                freeze={f}
                onLift={
                  canManage
                    ? () => act(() => api.deleteFreeze(e.name, f.id))
                    : undefined
                }
              />
            ))}
          </Box>
        ) : (
          '—'
        );
      },
    },
  ];
  if (canManage) {
    columns.push({
      title: 'Actions',
      field: 'name',
      render: e => (
        <Box display="flex">
          <Tooltip title="Edit">
            <IconButton
              aria-label={`Edit ${e.name}`}
              onClick={() => setEditing(e)}
            >
              <EditIcon />
            </IconButton>
          </Tooltip>
          <Tooltip title="Add a freeze">
            <IconButton
              aria-label={`Freeze ${e.name}`}
              onClick={() => setFreezing(e)}
            >
              <AddIcon />
            </IconButton>
          </Tooltip>
        </Box>
      ),
    });
  }

  return (
    <ReadableTextTheme>
      <Page themeId="tool">
        <Header
          title="Environments"
          subtitle="Deploy policies, approvals and freezes"
        />
        <Content>
          <Box
            display="flex"
            justifyContent="flex-end"
            alignItems="center"
            mb={2}
            style={{ gap: 16 }}
          >
            <Link to={BREAK_GLASS_REPORT_PATH}>Break-glass report</Link>
            <Link to={RULES_PATH}>Deployment rules</Link>
            {canManage && (
              <Button
                variant="contained"
                color="primary"
                startIcon={<AcUnitIcon />}
                onClick={() => setStopping(true)}
              >
                Stop the line
              </Button>
            )}
          </Box>
          {actionError !== undefined && (
            <Box mb={2}>
              <ServerErrorAlert
                error={actionError}
                onClose={dismissActionError}
              />
            </Box>
          )}
          {global.length > 0 && (
            <Box mb={2}>
              <Alert severity="warning" role="status">
                <Typography variant="subtitle2">
                  Every environment is frozen
                </Typography>
                {global.map(f => (
                  <FreezeLine
                    key={f.id}
                    freeze={f}
                    onLift={
                      canManage
                        ? () => act(() => api.liftFreeze(f.id))
                        : undefined
                    }
                  />
                ))}
              </Alert>
            </Box>
          )}
          {environments.error && (
            <ResponseErrorPanel error={environments.error} />
          )}
          {environments.loading && !environments.value && <Progress />}
          {environments.value && (
            <Table
              title="Environments"
              options={{
                paging: false,
                search: false,
                sorting: false,
                padding: 'dense',
              }}
              columns={columns}
              data={all}
            />
          )}
        </Content>
      </Page>
      {editing && (
        <EnvironmentDialog
          environment={editing}
          onClose={() => setEditing(undefined)}
          onSave={async body => {
            await api.updateEnvironment(editing.name, body);
            setEditing(undefined);
            environments.retry();
          }}
        />
      )}
      {protecting && (
        <ProtectionDialog
          environmentName={protecting.name}
          protection={protecting.protection}
          onClose={() => setProtecting(undefined)}
          onSave={async protection => {
            await api.updateEnvironment(protecting.name, { protection });
            setProtecting(undefined);
            environments.retry();
          }}
        />
      )}
      {freezing && (
        <FreezeDialog
          environmentTitle={freezing.title}
          onClose={() => setFreezing(undefined)}
          onSave={async body => {
            await api.createFreeze(freezing.name, body);
            setFreezing(undefined);
            environments.retry();
          }}
        />
      )}
      {breaking && (
        <BreakGlassDialog
          environmentTitle={breaking.title}
          onClose={() => setBreaking(undefined)}
          onConfirm={async body => {
            await api.openBreakGlass(breaking.name, body);
            setBreaking(undefined);
            environments.retry();
          }}
        />
      )}
      {stopping && (
        <StopTheLineDialog
          onClose={() => setStopping(false)}
          onConfirm={async reason => {
            await api.stopTheLine({ reason });
            setStopping(false);
            environments.retry();
          }}
        />
      )}
    </ReadableTextTheme>
  );
}
