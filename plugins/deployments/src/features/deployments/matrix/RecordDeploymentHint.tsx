import { CodeSnippet } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';

export interface RecordDeploymentHintProps {
  /** Product name to show in the example; a placeholder when absent. */
  productName?: string;
}

/** How CI records a deployment: shown where there is nothing to show yet. */
export function RecordDeploymentHint({
  productName = 'payment-api',
}: RecordDeploymentHintProps) {
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
      <CodeSnippet language="bash" text={text} showCopyCodeButton />
    </Box>
  );
}
