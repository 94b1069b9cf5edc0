import { expect, test } from '@playwright/test';
import { expectAccessible } from './accessibility';
import { openPortalAs, postDeployment, waitForPortal } from './portal';

// A System's Pipeline tab: its stages show the components' versions; promoting dev → test
// promotes all of its components together, and the target shows their new versions.
const TAB = '/catalog/default/system/payments/pipeline';
// Each run deploys versions of its own, so reruns on the same data still move dev.
const RUN = Date.now() % 1_000_000;
const API_VERSION = `4.0.${RUN}`;
const LEDGER_VERSION = `5.0.${RUN}`;

test.beforeAll(async ({ request }) => {
  await waitForPortal(request, 'payment-api');
});

test("promote a System's components together", async ({ browser, request }) => {
  test.setTimeout(600_000);
  // An admin sets up the system's pipeline from the environment order (once per data folder).
  let page = await openPortalAs(browser, 'Ada Admin');
  await page.goto(TAB);
  const start = page.getByRole('button', { name: 'Start from environment order' });
  await expect(page.getByTestId('pipeline-graph').or(start)).toBeVisible();
  if (await start.isVisible()) {
    await start.click();
    await page.getByRole('button', { name: 'Save pipeline' }).click();
  }
  await expect(page.getByRole('button', { name: 'Promote from dev' })).toBeVisible();
  await page.context().close();

  // CI deploys new versions of two of the system's components to dev.
  for (const [product_name, version] of [
    ['payment-api', API_VERSION],
    ['ledger-service', LEDGER_VERSION],
  ]) {
    await postDeployment(request, { product_name, version, environment_name: 'dev', status: 'success' });
  }

  // A developer sees the components' versions on the dev stage and promotes dev → test.
  page = await openPortalAs(browser, 'Devon Developer');
  await page.goto(TAB);
  const dev = page.getByTestId('stage-dev');
  await expect(dev).toContainText('3 components');
  await expect(dev).toContainText(`payment-api ${API_VERSION}`);
  await expect(dev).toContainText(`ledger-service ${LEDGER_VERSION}`);
  await expect(page.getByRole('table', { name: 'Workloads in dev' })).toContainText(API_VERSION);

  await page.getByRole('button', { name: 'Promote from dev' }).click();
  const dialog = page.getByRole('dialog');
  const diff = dialog.getByRole('table', { name: 'Workload diff' });
  await expect(diff).toContainText('Component');
  await expect(diff.getByRole('row').filter({ hasText: 'payment-api' })).toContainText(API_VERSION);
  await expect(diff.getByRole('row').filter({ hasText: 'ledger-service' })).toContainText(LEDGER_VERSION);
  await dialog.getByRole('button', { name: 'Request promotion' }).click();
  await expect(dialog).toBeHidden();

  const target = page.getByTestId('stage-test');
  await expect(target).toContainText(`payment-api ${API_VERSION}`);
  await expect(target).toContainText(`ledger-service ${LEDGER_VERSION}`);
  await expect(page.getByRole('table', { name: 'Workloads in test' })).toContainText(LEDGER_VERSION);
  await expect(page.locator('.MuiChip-label').filter({ hasText: 'Completed' }).first()).toBeVisible();
  await page.screenshot({ path: 'docs/system-pipeline.png', fullPage: true });
  await expectAccessible(page, "A System's Pipeline tab");
  await page.context().close();
});

test("a System's Deployments, Deployment Requests and My Tasks tabs show its components", async ({
  browser,
  request,
}) => {
  const version = `5.1.${RUN}`;
  await postDeployment(request, {
    product_name: 'ledger-service',
    version,
    environment_name: 'staging',
    status: 'success',
  });

  const page = await openPortalAs(browser, 'Devon Developer');
  await page.goto('/catalog/default/system/payments/deployments');
  const matrix = page.getByRole('table', { name: /environment matrix/i });
  // Rows show each component's title, with its system and owner.
  await expect(matrix.getByRole('row').filter({ hasText: 'Ledger Service' })).toContainText(version);
  await expect(matrix.getByRole('row').filter({ hasText: 'Payment API' })).toBeVisible();
  // Storefront's components are not the payments system's.
  await expect(matrix.getByRole('row').filter({ hasText: /storefront/i })).toHaveCount(0);
  // The history names each row's component.
  const history = page.getByRole('row').filter({ hasText: version }).filter({ hasText: 'staging' });
  await expect(history.first()).toContainText('ledger-service');
  await page.screenshot({ path: 'test-results/system-deployments.png', fullPage: true });
  await expectAccessible(page, "A System's Deployments tab");

  // The entity page's own tabs (the sidebar has links of the same names to the global pages).
  const tab = (path: string) => page.locator(`a[href$="/catalog/default/system/payments/${path}"]`);
  await tab('deployment-requests').click();
  await page.getByRole('button', { name: 'New deployment request' }).first().click();
  const products = page.getByRole('textbox', { name: /^Product \d/ });
  await expect(products).not.toHaveCount(0);
  const named = await products.evaluateAll(inputs => inputs.map(i => (i as HTMLInputElement).value));
  expect(named).toContain('component:default/ledger-service');
  expect(named).toContain('component:default/payment-api');
  expect(named.every(ref => !ref.includes('storefront'))).toBe(true);

  await tab('my-tasks').click();
  await expect(
    page.getByText('Nothing needs you right now').or(page.getByText('Waiting for you')).first(),
  ).toBeVisible();
  await expect(page.getByText(/could not|error/i)).toHaveCount(0);
  await page.context().close();
});
