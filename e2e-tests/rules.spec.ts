import { expect, test } from '@playwright/test';
import { expectAccessible } from './accessibility';
import { BACKEND, CI_TOKEN, openPortalAs, waitForPortal } from './portal';

const asCi = { Authorization: `Bearer ${CI_TOKEN}` };
const run = Date.now() % 1_000_000;
const ruleName = `Production needs a request ${run}`;

test.setTimeout(300_000);

test.beforeAll(async ({ request }) => {
  await waitForPortal(request);
});

/**
 * Whatever happens, the rules of this spec go (this run's and any left by an earlier one), so
 * that the other specs deploy to production freely. Through the page, as an admin: CI's token
 * may not manage rules.
 */
test.afterEach(async ({ browser }) => {
  const admin = await openPortalAs(browser, 'Ada Admin');
  await admin.goto('/environments/rules');
  await expect(
    admin.getByRole('table').or(admin.getByText('No deployment rules yet')),
  ).toBeVisible();
  const deleteButtons = admin.getByRole('button', {
    name: /^Delete Production needs a request \d+$/,
  });
  while ((await deleteButtons.count()) > 0) {
    await deleteButtons.first().click();
    await admin
      .getByRole('dialog')
      .getByRole('button', { name: 'Delete' })
      .click();
    await expect(admin.getByRole('dialog')).toBeHidden();
  }
  await admin.context().close();
});

test('an admin requires an approved request for production, evaluates it, and CI is blocked with the rule named on the Deployments tab', async ({
  browser,
  request,
}) => {
  const version = `9.${run}.0`;
  const admin = await openPortalAs(browser, 'Ada Admin');
  await admin.getByRole('link', { name: 'Environments' }).first().click();
  await admin.getByRole('link', { name: 'Deployment rules' }).click();
  await expect(admin).toHaveURL(/\/environments\/rules$/);
  await expect(
    admin.getByRole('heading', { name: 'Deployment rules', exact: true }),
  ).toBeVisible();

  await admin.getByRole('button', { name: 'New rule' }).click();
  const dialog = admin.getByRole('dialog');
  await dialog.getByLabel(/Name/).fill(ruleName);
  await dialog.getByRole('button', { name: 'Environments' }).click();
  await admin.getByRole('option', { name: 'production' }).click();
  await admin.keyboard.press('Escape');
  await dialog.getByLabel('Products').fill('payment-api');
  await dialog.getByLabel(/An approved deployment request/).check();
  await dialog.getByRole('button', { name: 'Create rule' }).click();
  await expect(dialog).toBeHidden();
  const row = admin.getByRole('row').filter({ hasText: ruleName });
  await expect(row).toContainText(
    'environments production; products payment-api',
  );
  await expect(row).toContainText('an approved request');
  await expectAccessible(admin, 'Deployment rules page');

  // The dry run says it would block, and why.
  await admin.getByLabel('Product', { exact: true }).fill('payment-api');
  await admin.getByLabel('Version', { exact: true }).fill(version);
  await admin.getByLabel('Environment', { exact: true }).fill('production');
  await admin.getByRole('button', { name: 'Evaluate' }).click();
  await expect(
    admin.getByText('block: it would be recorded as blocked'),
  ).toBeVisible();
  await expect(
    admin.getByText(`${ruleName}`, { exact: true }).last(),
  ).toBeVisible();
  await expect(
    admin
      .getByText(/requires? an approved deployment request for payment-api/)
      .first(),
  ).toBeVisible();
  await admin.screenshot({
    path: 'test-results/rules-page.png',
    fullPage: true,
  });

  // CI deploys anyway: the event is recorded as blocked, naming the rule.
  const res = await request.post(`${BACKEND}/api/deployments/deployments`, {
    headers: asCi,
    data: {
      product_name: 'payment-api',
      version,
      environment_name: 'production',
      status: 'running',
      deployed_by: 'github-actions',
    },
  });
  expect(res.status(), await res.text()).toBe(201);
  const deployment = await res.json();
  expect(deployment.status).toBe('blocked');
  expect(deployment.blocked_reason).toContain(
    `rule "${ruleName}" requires an approved deployment request`,
  );

  await admin.goto('/catalog/default/component/payment-api/deployments');
  // The history row of this deployment (the matrix row above it names the version too).
  const blocked = admin.getByRole('row', {
    name: new RegExp(`^#${deployment.id} `),
  });
  await expect(blocked).toContainText('Blocked');
  await expect(blocked).toContainText(
    `rule "${ruleName}" requires an approved deployment request`,
  );
  const createRequest = blocked.getByRole('link', { name: 'create the request' });
  await expect(createRequest).toHaveAttribute(
    'href',
    /\/deployment-requests\/new\?product=component%3Adefault%2Fpayment-api$/,
  );
  await admin.screenshot({
    path: 'test-results/rules-blocked-deployment.png',
    fullPage: true,
  });
  // The link opens the new-request form with the product filled in.
  await createRequest.click();
  await expect(admin).toHaveURL(/\/deployment-requests\/new\?product=/);
  await expect(admin.getByLabel('Product 1')).toHaveValue(/payment-api/);
});
