import { Page, expect, test } from '@playwright/test';
import { openPortalAs, postDeployment, waitForPortal } from './portal';

// The journey: draw dev → staging (0) → production (2), promote dev → staging
// (completed at once), promote staging → production, approve as two people (one from the
// notification link), see it in the history.
test.describe.configure({ mode: 'serial' });

const PRODUCT = 'catalog-api';
const TAB = `/catalog/default/component/${PRODUCT}/pipeline`;
// Each run deploys a version of its own, so reruns on the same data still move dev.
const VERSION = `3.4.${Date.now() % 1_000_000}`;

test.beforeAll(async ({ request }) => {
  await waitForPortal(request, PRODUCT);
});

async function chooseOption(page: Page, selectId: string, option: string) {
  await page.locator(`#${selectId}`).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

test('promote along the pipeline with a quorum of two', async ({ browser, request }) => {
  // Four people, five page loads on a shared machine: longer than the default.
  test.setTimeout(600_000);
  // An admin draws the pipeline from the starting point: without test, staging needs two.
  let page = await openPortalAs(browser, 'Ada Admin');
  await page.goto(TAB);
  await page.getByRole('button', { name: 'Start from environment order' }).click();
  await page.getByRole('button', { name: 'Remove stage test' }).first().click();
  await page.getByRole('button', { name: 'Add transition' }).click();
  await chooseOption(page, 'transition-from', 'dev');
  await chooseOption(page, 'transition-to', 'staging');
  await page.getByRole('dialog').getByRole('button', { name: 'Add transition' }).click();
  await page.getByRole('button', { name: 'Edit transition staging → production' }).click();
  await page.getByLabel('Required approvals').fill('2');
  await page.getByRole('button', { name: 'Apply' }).click();
  await page.getByRole('button', { name: 'Save pipeline' }).click();
  await expect(page.getByTestId('pipeline-graph').getByText('2 approvals')).toBeVisible();
  await page.context().close();

  // CI deploys a new version to dev: the configuration of dev now has it.
  await postDeployment(request, {
    product_name: PRODUCT,
    version: VERSION,
    environment_name: 'dev',
    status: 'success',
  });

  // A developer promotes dev → staging (auto), then staging → production.
  page = await openPortalAs(browser, 'Devon Developer');
  await page.goto(TAB);
  await page.getByRole('button', { name: 'Promote from dev' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByRole('table', { name: 'Workload diff' })).toContainText(VERSION);
  await dialog.getByRole('button', { name: 'Request promotion' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('stage-staging')).toContainText(`Live: ${VERSION}`);

  await page.getByRole('button', { name: 'Promote from staging' }).click();
  await dialog.getByLabel('Notes for the approvers').fill('Release 3.4');
  await dialog.getByRole('button', { name: 'Request promotion' }).click();
  await expect(dialog).toBeHidden();
  await expect(
    page.locator('.MuiChip-label').filter({ hasText: 'Pending approval' }),
  ).toBeVisible();
  await page.context().close();

  // A release manager approves from the notification link.
  page = await openPortalAs(browser, 'Remy Release-Manager');
  await page.goto('/notifications');
  await page
    .getByRole('link', { name: new RegExp(`Promotion of ${PRODUCT} staging → production`) })
    .first()
    .click();
  await expect(page).toHaveURL(/\/promotions\/\d+/);
  await page.getByRole('button', { name: 'Approve' }).click();
  await expect(page.getByText(/Approved by user:default\/remy/)).toBeVisible();
  await page.context().close();

  // The admin approves from the history on the Pipeline tab: the quorum executes it.
  page = await openPortalAs(browser, 'Ada Admin');
  await page.goto(TAB);
  await page.getByRole('button', { name: /Open promotion \d+/ }).first().click();
  await page.getByRole('dialog').getByRole('button', { name: 'Approve' }).click();
  await expect(
    page.getByRole('dialog').locator('.MuiChip-label').filter({ hasText: 'Pending release' }),
  ).toBeVisible();
  await page.getByRole('dialog').getByRole('button', { name: 'Close' }).click();

  // production deploys manually: "Deploy now" on its node completes it.
  await page.getByRole('button', { name: 'Deploy now to production' }).click();
  await expect(page.getByTestId('stage-production')).toContainText(`Live: ${VERSION}`);
  await expect(
    page.locator('.MuiChip-label').filter({ hasText: 'Completed' }).first(),
  ).toBeVisible();
  await page.context().close();
});
