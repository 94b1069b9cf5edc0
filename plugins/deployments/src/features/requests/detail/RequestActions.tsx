import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogContentText from '@material-ui/core/DialogContentText';
import DialogTitle from '@material-ui/core/DialogTitle';
import { DeploymentRequest } from '@shipgate/plugin-deployments-common';
import { deploymentsApiRef } from '../../../api';
import { editDeploymentRequestPath } from '../../../routes';

type Action = 'submit' | 'cancel' | 'complete' | 'clone';

/**
 * The lifecycle buttons of a request. Each shows only when the server says the caller may use
 * it now (`abilities`); the server checks again when it is used.
 */
export function RequestActions({
  request,
  onChanged,
  onError,
}: {
  request: DeploymentRequest;
  onChanged: (request: DeploymentRequest) => void;
  onError: (error: unknown, what: string) => void;
}) {
  const api = useApi(deploymentsApiRef);
  const navigate = useNavigate();
  const [busy, setBusy] = useState<Action>();
  const [confirmingCancel, setConfirmingCancel] = useState(false);
  const { abilities } = request;

  const run = async (
    action: Action,
    what: string,
    call: () => Promise<DeploymentRequest>,
  ) => {
    setBusy(action);
    try {
      const next = await call();
      if (action === 'clone') {
        navigate(editDeploymentRequestPath(next.id));
        return;
      }
      onChanged(next);
    } catch (e) {
      onError(e, what);
    } finally {
      setBusy(undefined);
    }
  };

  // The seed offers "address feedback and create a new request" on rejected requests only.
  // The server says in which states a request may be cloned (rejected or canceled).
  const canClone = abilities.clone;
  return (
    <Box display="flex" flexWrap="wrap" style={{ gap: 8 }}>
      {abilities.edit && (
        <Button
          variant="outlined"
          disabled={Boolean(busy)}
          onClick={() => navigate(editDeploymentRequestPath(request.id))}
        >
          Edit
        </Button>
      )}
      {abilities.submit && (
        <Button
          variant="contained"
          color="primary"
          disabled={Boolean(busy)}
          onClick={() =>
            run('submit', 'Could not submit', () =>
              api.submitRequest(request.id),
            )
          }
        >
          Submit for approval
        </Button>
      )}
      {abilities.complete && (
        <Button
          variant="contained"
          color="primary"
          disabled={Boolean(busy)}
          onClick={() =>
            run('complete', 'Could not mark it completed', () =>
              api.completeRequest(request.id),
            )
          }
        >
          Mark completed
        </Button>
      )}
      {canClone && (
        <Button
          variant="contained"
          color="primary"
          disabled={Boolean(busy)}
          onClick={() =>
            run('clone', 'Could not clone', () => api.cloneRequest(request.id))
          }
        >
          Clone as new draft
        </Button>
      )}
      {abilities.cancel && (
        <Button
          variant="outlined"
          color="secondary"
          disabled={Boolean(busy)}
          onClick={() => setConfirmingCancel(true)}
        >
          Cancel request
        </Button>
      )}
      <Dialog
        open={confirmingCancel}
        onClose={() => setConfirmingCancel(false)}
        aria-labelledby="deployment-request-cancel-title"
      >
        <DialogTitle id="deployment-request-cancel-title">
          Cancel DR #{request.id}?
        </DialogTitle>
        <DialogContent>
          <DialogContentText>
            “{request.title}” will be canceled: nobody can approve it and
            nothing can be deployed with it. This cannot be undone; clone or
            create a new request instead.
          </DialogContentText>
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setConfirmingCancel(false)}>Keep it</Button>
          <Button
            color="secondary"
            variant="contained"
            onClick={() => {
              setConfirmingCancel(false);
              run('cancel', 'Could not cancel', () =>
                api.cancelRequest(request.id),
              );
            }}
          >
            Cancel request
          </Button>
        </DialogActions>
      </Dialog>
    </Box>
  );
}
