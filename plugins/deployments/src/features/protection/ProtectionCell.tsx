import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Chip from '@material-ui/core/Chip';
import Tooltip from '@material-ui/core/Tooltip';
import LockIcon from '@material-ui/icons/Lock';
import { EnvironmentOverview } from '@shipgate/plugin-deployments-common';
import { protectionSummary, ruleText } from './protectionText';

/**
 * An environment's protection in the Environments table: "2 rules" (the rules in a tooltip)
 * and, for those who manage environments, the button that opens the Protection dialog.
 */
export function ProtectionCell({
  environment,
  onEdit,
}: {
  environment: EnvironmentOverview;
  /** Absent for those who may not change it. */
  onEdit?: () => void;
}) {
  const { protection } = environment;
  return (
    <Box
      display="flex"
      alignItems="center"
      style={{ gap: 4, whiteSpace: 'nowrap' }}
    >
      {protection ? (
        <Tooltip
          title={`${protection.approvalRules.map(ruleText).join(', ')}${
            protection.allowTriggererToApprove
              ? '; the triggerer may approve'
              : ''
          }`}
        >
          <Chip
            size="small"
            variant="outlined"
            icon={<LockIcon />}
            label={protectionSummary(protection)}
          />
        </Tooltip>
      ) : (
        <span>{protectionSummary(protection)}</span>
      )}
      {onEdit && (
        <Button
          size="small"
          aria-label={`Protection ${environment.name}`}
          onClick={onEdit}
        >
          {protection ? 'Edit' : 'Protect'}
        </Button>
      )}
    </Box>
  );
}
