import { useApi } from '@backstage/core-plugin-api';
import {
  DeploymentRequest,
  DeploymentRequestStep,
} from '@shipgate/plugin-deployments-common';
import { deploymentsApiRef } from '../../../api';
import { CommentDialog } from '../../../components/CommentDialog';

/** Marks one step complete, with an optional note (what was checked, a link to the run). */
export function StepCompletionDialog({
  requestId,
  step,
  onClose,
  onCompleted,
}: {
  requestId: number;
  /** The step to complete; the dialog is closed when absent. */
  step?: DeploymentRequestStep;
  onClose: () => void;
  onCompleted: (request: DeploymentRequest) => void;
}) {
  const api = useApi(deploymentsApiRef);
  return (
    <CommentDialog
      openFor={step}
      id="deployment-request-step"
      title={`Complete ${
        step?.phase === 'pre' ? 'pre-deployment' : 'post-deployment'
      } step`}
      description={step?.title}
      fieldLabel="Note (optional)"
      minRows={2}
      confirmLabel="Mark complete"
      failure="Could not complete the step"
      onClose={onClose}
      onConfirm={async note => {
        if (!step) return;
        onCompleted(
          await api.completeStep(requestId, step.id, note || undefined),
        );
      }}
    />
  );
}
