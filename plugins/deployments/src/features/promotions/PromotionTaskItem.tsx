import { useState } from 'react';
import { Link } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Collapse from '@material-ui/core/Collapse';
import ListItem from '@material-ui/core/ListItem';
import ListItemIcon from '@material-ui/core/ListItemIcon';
import ListItemText from '@material-ui/core/ListItemText';
import CallMadeIcon from '@material-ui/icons/CallMade';
import { Promotion, productNameOf } from '@shipgate/plugin-deployments-common';
import { RelativeTime } from '../../components/RelativeTime';
import { approvalCountText } from '../../components/ApprovalTypeLabel';
import { userRefText } from '../../components/UserRef';
import { promotionPath } from '../../routes';
import { PromotionDetails } from './PromotionDetails';

/** The theme keeps list text on one line; a task's sentence must wrap, not be cut. */
const WRAP = { whiteSpace: 'normal' } as const;

/**
 * A promotion in My Tasks: what it moves where, and, opened, its preview (the diff as it was
 * requested) with the approve, reject or "Deploy now" actions of the promotion page.
 */
export function PromotionTaskItem(props: {
  promotion: Promotion;
  onChanged: () => void;
}) {
  const { promotion, onChanged } = props;
  const [open, setOpen] = useState(false);
  const product = productNameOf(promotion.product);
  const approved = promotion.approvals.filter(
    a => a.decision === 'approve',
  ).length;
  const releasing = promotion.status === 'pending_release';
  const link = (
    <Link to={promotionPath(promotion.id)} underline="always">
      promotion #{promotion.id}
    </Link>
  );
  return (
    <>
      <ListItem divider={!open}>
        <ListItemIcon>
          <CallMadeIcon />
        </ListItemIcon>
        <ListItemText
          style={WRAP}
          primary={
            <>
              {releasing ? 'Deploy' : 'Approve'} {link}: {product}{' '}
              {promotion.source} → {promotion.target}
            </>
          }
          secondary={
            <>
              {releasing
                ? 'approved, waiting to be deployed'
                : approvalCountText(approved, promotion.requiredApprovals)}{' '}
              · {promotion.preview.changes.total} change
              {promotion.preview.changes.total === 1 ? '' : 's'} · requested by{' '}
              {userRefText(promotion.requester)}{' '}
              <RelativeTime value={promotion.createdAt} />
            </>
          }
        />
        <Button
          size="small"
          variant="outlined"
          aria-expanded={open}
          aria-label={`${open ? 'Hide' : 'Review'} promotion #${promotion.id}`}
          onClick={() => setOpen(!open)}
        >
          {open ? 'Hide' : 'Review'}
        </Button>
      </ListItem>
      <Collapse in={open} unmountOnExit>
        <Box px={2} pb={2} borderBottom={1} borderColor="divider">
          <PromotionDetails promotion={promotion} onChanged={onChanged} />
        </Box>
      </Collapse>
    </>
  );
}
