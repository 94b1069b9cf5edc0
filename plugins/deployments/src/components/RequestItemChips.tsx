import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import { DeploymentRequestItem } from '@shipgate/plugin-deployments-common';

/** `payment-api 1.2.3`: an item as people say it. */
export function itemText(
  item: Pick<DeploymentRequestItem, 'productName' | 'version'>,
) {
  return `${item.productName} ${item.version}`;
}

/** The products and versions of a request, one chip each. */
export function RequestItemChips({
  items,
}: {
  items: Array<
    Pick<DeploymentRequestItem, 'product' | 'productName' | 'version'>
  >;
}) {
  return (
    <Box display="flex" flexWrap="wrap" style={{ gap: 4 }}>
      {items.map(item => (
        <Chip
          key={`${item.product}@${item.version}`}
          size="small"
          variant="outlined"
          label={itemText(item)}
          title={item.product}
        />
      ))}
    </Box>
  );
}
