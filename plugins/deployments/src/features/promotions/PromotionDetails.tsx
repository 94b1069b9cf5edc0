import { useState } from 'react';
import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { Promotion } from '@shipgate/plugin-deployments-common';
import { deploymentsApiRef } from '../../api';
import { ServerErrorAlert } from '../../components/ServerErrorAlert';
import { useServerAction } from '../../hooks/useServerAction';
import { PreviewDiff } from './PreviewDiff';
import { PromotionStatusChip } from './PromotionStatusChip';

/** One promotion: its transition, people, decisions, the preview at request time, and actions. */
export function PromotionDetails(props: {
  promotion: Promotion;
  onChanged: (p: Promotion) => void;
}) {
  const { promotion, onChanged } = props;
  const api = useApi(deploymentsApiRef);
  const [comment, setComment] = useState('');
  /** Approve, reject or deploy: the promotion as it now is replaces the shown one. */
  const {
    run: act,
    busy,
    error,
  } = useServerAction(async (work: () => Promise<Promotion>) => {
    onChanged(await work());
    setComment('');
  });
  const abilities = promotion.abilities ?? {
    approve: false,
    reject: false,
    deploy: false,
  };
  return (
    <Box>
      <Typography variant="h6" component="h2">
        Promotion #{promotion.id}: {promotion.source} → {promotion.target}{' '}
        <PromotionStatusChip status={promotion.status} />
      </Typography>
      <Typography variant="body2">
        Requested by {promotion.requester} on{' '}
        {new Date(promotion.createdAt).toLocaleString()} ·{' '}
        {promotion.approvals.filter(a => a.decision === 'approve').length} of{' '}
        {promotion.requiredApprovals} approvals
      </Typography>
      {promotion.notes && (
        <Typography variant="body2">Notes: {promotion.notes}</Typography>
      )}
      {promotion.approvals.map(a => (
        <Typography key={a.by} variant="body2">
          {a.decision === 'approve' ? 'Approved' : 'Rejected'} by {a.by} on{' '}
          {new Date(a.at).toLocaleString()}
          {a.comment ? `: ${a.comment}` : ''}
        </Typography>
      ))}
      {error !== undefined && <ServerErrorAlert error={error} />}
      {(abilities.approve || abilities.reject) && (
        <Box display="flex" alignItems="center" style={{ gap: 8 }} my={1}>
          <TextField
            id={`promotion-${promotion.id}-comment`}
            label="Comment (required to reject)"
            size="small"
            value={comment}
            onChange={e => setComment(e.target.value)}
          />
          <Button
            color="primary"
            variant="contained"
            disabled={busy}
            onClick={() =>
              act(() =>
                api.approvePromotion(promotion.id, comment || undefined),
              )
            }
          >
            Approve
          </Button>
          <Button
            variant="outlined"
            disabled={busy || !comment.trim()}
            onClick={() =>
              act(() => api.rejectPromotion(promotion.id, comment))
            }
          >
            Reject
          </Button>
        </Box>
      )}
      {abilities.deploy && (
        <Button
          color="primary"
          variant="contained"
          disabled={busy}
          onClick={() => act(() => api.deployPromotion(promotion.id))}
        >
          Deploy now
        </Button>
      )}
      <Box mt={2}>
        <Typography variant="subtitle2">Preview at request time</Typography>
        <PreviewDiff preview={promotion.preview} />
      </Box>
    </Box>
  );
}
