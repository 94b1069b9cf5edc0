import { useState } from 'react';
import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Checkbox from '@material-ui/core/Checkbox';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemIcon from '@material-ui/core/ListItemIcon';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import { Task, productNameOf } from '@shipgate/plugin-deployments-common';
import { deploymentsApiRef } from '../../api';
import { DecisionButtons } from '../../components/DecisionButtons';
import { RelativeTime } from '../../components/RelativeTime';
import { serverErrorMessage } from '../../components/ServerErrorAlert';
import {
  DeploymentDecisionDialog,
  DeploymentDecisionTarget,
} from './DeploymentDecisionDialog';
import { blockedLabel } from './protectionText';

type DeploymentApprovalTask = Extract<Task, { kind: 'deployment_approval' }>;

/** The theme keeps list text on one line; a task's sentence must wrap, not be cut. */
const WRAP = { whiteSpace: 'normal' } as const;

/**
 * My Tasks: deployments blocked by a protected environment whose rules name the caller.
 * Each can be approved or rejected with a comment; ticked ones are approved together
 * ("Approve selected"), each on its own, and what the server refuses is listed.
 */
export function DeploymentApprovalTasks({
  tasks,
  onChanged,
}: {
  tasks: DeploymentApprovalTask[];
  onChanged: () => void;
}) {
  const api = useApi(deploymentsApiRef);
  const [selected, setSelected] = useState<Set<number>>(new Set());
  const [busy, setBusy] = useState(false);
  const [failures, setFailures] = useState<string[]>([]);
  const [decision, setDecision] = useState<DeploymentDecisionTarget>();

  const toggle = (id: number) => {
    const next = new Set(selected);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    setSelected(next);
  };
  const approveSelected = async () => {
    setBusy(true);
    const refused: string[] = [];
    // One by one: each is its own decision, and one refusal does not stop the others.
    for (const id of selected) {
      try {
        await api.approveDeployment(id, { status: 'approved' });
      } catch (e) {
        refused.push(`#${id}: ${serverErrorMessage(e)}`);
      }
    }
    setFailures(refused);
    setSelected(new Set());
    setBusy(false);
    onChanged();
  };

  return (
    <Box component="section" aria-label="Deployment approvals" mt={2}>
      <Box display="flex" alignItems="center" justifyContent="space-between">
        <Typography variant="subtitle1" component="h3">
          Blocked deployments
        </Typography>
        <Button
          size="small"
          variant="contained"
          color="primary"
          disabled={selected.size === 0 || busy}
          onClick={approveSelected}
        >
          Approve selected{selected.size ? ` (${selected.size})` : ''}
        </Button>
      </Box>
      {failures.length > 0 && (
        <Alert severity="error" role="alert" onClose={() => setFailures([])}>
          Not approved: {failures.join('; ')}
        </Alert>
      )}
      <List dense disablePadding>
        {tasks.map(({ deployment: d, matches }) => (
          <ListItem key={d.id} divider>
            <ListItemIcon>
              <Checkbox
                edge="start"
                checked={selected.has(d.id)}
                onChange={() => toggle(d.id)}
                inputProps={{ 'aria-label': `Select deployment #${d.id}` }}
              />
            </ListItemIcon>
            <ListItemText
              style={WRAP}
              primary={`Approve deployment #${d.id}: ${productNameOf(
                d.product,
              )} ${d.version} → ${d.environment}`}
              secondary={
                <>
                  {blockedLabel(d.blocked_reason)} · you count for{' '}
                  {matches.join(', ')} · triggered by{' '}
                  {d.deployed_by ?? 'unknown'}{' '}
                  <RelativeTime value={d.created_at} />
                </>
              }
            />
            <DecisionButtons
              what={`deployment #${d.id}`}
              onDecide={value =>
                setDecision({
                  deployment: d,
                  status: value === 'approve' ? 'approved' : 'rejected',
                  matches,
                })
              }
              ml={2}
            />
          </ListItem>
        ))}
      </List>
      <DeploymentDecisionDialog
        target={decision}
        onClose={() => setDecision(undefined)}
        onDecided={() => {
          setDecision(undefined);
          onChanged();
        }}
      />
    </Box>
  );
}
