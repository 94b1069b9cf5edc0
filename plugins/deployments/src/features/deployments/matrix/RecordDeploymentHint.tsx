import { CopyTextButton } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import { makeStyles, Theme } from '@material-ui/core/styles';
import Typography from '@material-ui/core/Typography';

/**
 * The example as a plain, theme-coloured code block rather than core-components' CodeSnippet:
 * CodeSnippet's syntax colours (docco strings, #219161 on #f8f8ff) fall below WCAG AA contrast,
 * and its scrolling `<pre>` cannot take keyboard focus, so a keyboard user could not scroll to
 * the end of the long line. This block is a focusable, labelled region with a visible focus ring.
 */
const useStyles = makeStyles((theme: Theme) => ({
  code: {
    margin: 0,
    padding: theme.spacing(1.5, 6, 1.5, 1.5),
    overflowX: 'auto',
    fontFamily: 'monospace',
    fontSize: theme.typography.body2.fontSize,
    lineHeight: 1.5,
    color: theme.palette.text.primary,
    backgroundColor:
      theme.palette.type === 'dark'
        ? theme.palette.grey[900]
        : theme.palette.grey[100],
    border: `1px solid ${theme.palette.divider}`,
    borderRadius: theme.shape.borderRadius,
    '&:focus-visible': {
      outline: `2px solid ${theme.palette.primary.main}`,
      outlineOffset: 2,
    },
  },
}));

export interface RecordDeploymentHintProps {
  /** Product name to show in the example; a placeholder when absent. */
  productName?: string;
}

/** How CI records a deployment: shown where there is nothing to show yet. */
export function RecordDeploymentHint({
  productName = 'payment-api',
}: RecordDeploymentHintProps) {
  const classes = useStyles();
  const body = JSON.stringify({
    product_name: productName,
    version: '1.2.3',
    environment_name: 'staging',
    status: 'success',
    deployed_by: 'ci',
    build_url: 'https://ci.example.com/builds/123',
  });
  const text = [
    'curl -X POST "$BACKSTAGE_BACKEND_URL/api/deployments/deployments" \\',
    '  -H "Authorization: Bearer $SHIPGATE_CI_TOKEN" \\',
    '  -H "Content-Type: application/json" \\',
    `  -d '${body}'`,
  ].join('\n');
  return (
    <Box maxWidth={720}>
      <Typography variant="body2" paragraph>
        Deployments appear here when your CI posts an event for each step
        (status <code>running</code>, then <code>success</code> or{' '}
        <code>failed</code>) with a service token, for example:
      </Typography>
      <Box position="relative">
        <pre
          className={classes.code}
          // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex -- a scrolling region must be reachable by keyboard (WCAG 2.1.1)
          tabIndex={0}
          role="region"
          aria-label="Example: record a deployment from CI with curl"
        >
          <code>{text}</code>
        </pre>
        <Box position="absolute" top={0} right={0}>
          <CopyTextButton text={text} aria-label="Copy the example" />
        </Box>
      </Box>
    </Box>
  );
}
