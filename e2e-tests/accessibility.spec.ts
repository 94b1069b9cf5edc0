import { expect, test } from '@playwright/test';
import { expectAccessible } from './accessibility';
import { signInAs, waitForPortal } from './portal';

// The pages the two journeys do not pass through, each as the example user who would open it.
// The journeys check the pages they show (Deployments tab and page, Deployment Requests tab,
// the new-request form, a request in progress, rejected, approved and completed, My Tasks and
// the notifications inbox) at the moment they show them.

test.beforeAll(async ({ request }) => {
  await waitForPortal(request);
});

const run = Date.now() % 1_000_000;

test('the global Deployment Requests list passes axe', async ({ page }) => {
  await signInAs(page, 'Devon Developer');
  // The sidebar's item: "Requests" to the eye (the full title does not fit), named in full.
  const item = page.getByRole('link', { name: 'Deployment Requests' }).first();
  await expect(item).toHaveText('Requests');
  await item.click();
  // A request's row, or the empty state (which is itself a row) on a fresh database.
  await expect(
    page
      .getByRole('row')
      .nth(1)
      .or(page.getByText('No deployment requests yet.', { exact: false }))
      .first(),
  ).toBeVisible();
  await expectAccessible(page, 'Deployment Requests list');
});

test('the templates page passes axe', async ({ page }) => {
  await signInAs(page, 'Ada Admin');
  await page.goto('/deployment-requests/templates');
  await expect(
    page.getByRole('heading', { name: 'Deployment request templates' }),
  ).toBeVisible();
  await expect(
    page.getByRole('row').nth(1).or(page.getByText('No templates yet')),
  ).toBeVisible();
  await expectAccessible(page, 'Templates page');
});

test('the My Tasks tab of a product passes axe', async ({ page }) => {
  await signInAs(page, 'Quinn QA');
  await page.goto('/catalog/default/component/payment-api/my-tasks');
  await expect(
    page
      .getByRole('main')
      .getByRole('listitem')
      .or(page.getByText('Nothing needs you right now'))
      .first(),
  ).toBeVisible();
  await expectAccessible(page, 'My Tasks tab');
});

test('the Deployments tab of a product nothing was deployed to shows the CI example, and passes axe', async ({
  page,
}) => {
  // Every example product has seeded history, so the matrix answer is emptied on its way to
  // the page: the tab then shows its empty state with the curl example (RecordDeploymentHint).
  await page.route('**/api/deployments/matrix?**', async route => {
    const response = await route.fetch();
    const body = await response.json();
    body.rows = body.rows.map((row: object) => ({ ...row, cells: {} }));
    await route.fulfill({ response, json: body });
  });
  await signInAs(page, 'Devon Developer');
  await page.goto('/catalog/default/component/search-service/deployments');
  const example = page.getByRole('region', {
    name: 'Example: record a deployment from CI with curl',
  });
  await expect(example).toContainText('"product_name":"search-service"');
  await expect(page.getByRole('row').nth(1)).toBeVisible(); // the history has loaded
  await expectAccessible(page, 'Deployments tab with the CI example');
});

test('the edit form of a draft passes axe', async ({ page }) => {
  const title = `Draft ${run} for the accessibility check`;
  await signInAs(page, 'Devon Developer');
  await page.goto('/deployment-requests/new');
  await page.getByLabel('Title').fill(title);
  await page
    .locator('[aria-haspopup="listbox"][aria-label="Target environment"]')
    .click();
  await page.getByRole('option', { name: /^staging/i }).click();
  await page.getByLabel('Product 1').fill('payment-api');
  await page
    .getByRole('option', { name: /payment-api/ })
    .first()
    .click();
  await page.getByLabel('Version 1').fill(`7.${run}.0`);
  await page.getByRole('button', { name: 'Save draft' }).click();
  await expect(page.getByRole('heading', { name: title })).toBeVisible();
  await expectAccessible(page, 'Request page, draft');

  await page.getByRole('button', { name: 'Edit', exact: true }).click();
  await expect(page).toHaveURL(/\/edit$/);
  await expect(page.getByLabel('Title')).toHaveValue(title);
  await expect(
    page.locator('[aria-haspopup="listbox"][aria-label="Target environment"]'),
  ).not.toHaveAttribute('aria-disabled', 'true'); // the environments have loaded
  await expectAccessible(page, 'Edit form');
});
