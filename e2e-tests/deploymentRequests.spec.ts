import { Page, expect, test } from '@playwright/test';
import { expectAccessible } from './accessibility';
import { BACKEND, openPortalAs, postDeployment, waitForPortal } from './portal';

// One run of the portal serves the whole file: the second journey reuses nothing of the first
// but the example catalog, and each title is unique so reruns on the same data do not collide.
// Each journey has several people sign in and several pages checked with axe (the first: four
// sign-ins, seven checks): about two and a half minutes on a quiet 2-CPU machine, so the
// default three leave too little room under load.
test.describe.configure({ mode: 'serial', timeout: 300_000 });

test.beforeAll(async ({ request }) => {
  await waitForPortal(request);
});

const run = Date.now() % 1_000_000;

/** Picks an option of a MUI select, found by its accessible name. */
async function choose(page: Page, select: string, option: RegExp | string) {
  await page
    .locator(`[aria-haspopup="listbox"][aria-label="${select}"]`)
    .click();
  await page.getByRole('option', { name: option }).click();
}

/** Fills the new-request form: items, slots and steps, in the order a person would. */
async function fillRequest(
  page: Page,
  request: {
    title: string;
    environment: string;
    items: Array<{ product: string; version: string }>;
    slots: string[];
    preSteps?: string[];
    postSteps?: string[];
  },
) {
  await page.getByLabel('Title').fill(request.title);
  await page.getByLabel('Description').fill('Released by the browser tests.');
  await choose(
    page,
    'Target environment',
    new RegExp(`^${request.environment}`, 'i'),
  );

  for (const [index, item] of request.items.entries()) {
    if (index > 0)
      await page.getByRole('button', { name: 'Add product' }).click();
    const product = page.getByLabel(`Product ${index + 1}`);
    await product.fill(item.product);
    await page
      .getByRole('option', { name: new RegExp(item.product) })
      .first()
      .click();
    await page.getByLabel(`Version ${index + 1}`).fill(item.version);
  }
  for (const [index, slot] of request.slots.entries()) {
    await page.getByRole('button', { name: 'Add approval slot' }).click();
    await choose(page, `Approval type ${index + 1}`, slot);
  }
  for (const [index, step] of (request.preSteps ?? []).entries()) {
    await page.getByRole('button', { name: 'Add pre-deployment step' }).click();
    await page
      .getByRole('textbox', { name: `Pre-deployment step ${index + 1}` })
      .fill(step);
  }
  for (const [index, step] of (request.postSteps ?? []).entries()) {
    await page
      .getByRole('button', { name: 'Add post-deployment step' })
      .click();
    await page
      .getByRole('textbox', { name: `Post-deployment step ${index + 1}` })
      .fill(step);
  }
}

/** The id of the request whose page is open. */
function requestIdOf(page: Page) {
  const match = /deployment-requests\/(\d+)/.exec(page.url());
  expect(match, page.url()).not.toBeNull();
  return Number(match![1]);
}

async function decide(
  page: Page,
  verb: 'Approve' | 'Reject',
  approvalType: string,
  comment: string,
) {
  await page
    .getByRole('button', { name: `${verb} ${approvalType}`, exact: false })
    .first()
    .click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel(/Comment/).fill(comment);
  await dialog.getByRole('button', { name: verb, exact: true }).click();
  await expect(dialog).toBeHidden();
}

/** The request's state, as its chip shows it. */
function stateChip(page: Page, state: string) {
  return page
    .locator('[class*="MuiChip-root"]')
    .filter({ hasText: new RegExp(`^${state}$`) })
    .first();
}

async function tickStep(page: Page, title: string) {
  await page.getByRole('checkbox', { name: title }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('button', { name: 'Mark complete' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('checkbox', { name: title })).toBeChecked();
}

test('a two-product request needs QA and Security: QA approves, Security rejects with a comment', async ({
  browser,
}) => {
  const title = `Payments ${run} to staging`;

  // The requester starts from the product's Deployment Requests tab.
  let page = await openPortalAs(browser, 'Devon Developer');
  await page.goto('/catalog/default/component/payment-api/deployment-requests');
  await expect(
    page.getByRole('button', { name: 'New deployment request' }),
  ).toBeVisible();
  await expectAccessible(page, 'Deployment Requests tab');
  await page.getByRole('button', { name: 'New deployment request' }).click();
  await expect(page.getByLabel('Product 1')).toHaveValue(/payment-api/);
  await page.getByLabel('Product 1').clear();
  await fillRequest(page, {
    title,
    environment: 'staging',
    items: [
      { product: 'payment-api', version: `2.${run}.0` },
      { product: 'ledger-service', version: `5.${run}.1` },
    ],
    slots: ['QA', 'Security'],
  });
  await expectAccessible(
    page,
    'New-request form on the Deployment Requests tab',
  );
  await page.getByRole('button', { name: 'Submit for approval' }).click();
  await expect(page.getByRole('heading', { name: title })).toBeVisible();
  await expect(stateChip(page, 'In progress')).toBeVisible();
  const id = requestIdOf(page);
  await expectAccessible(page, 'Request page, in progress');
  await page.screenshot({
    path: 'test-results/e2e-shots/dr-submitted.png',
    fullPage: true,
  });

  // The QA user finds it in the notifications inbox and in My Tasks, and approves.
  await page.context().close();
  page = await openPortalAs(browser, 'Quinn QA');
  await page.goto('/notifications');
  await expect(
    page.getByText(new RegExp(`DR #${id}|${title}`)).first(),
  ).toBeVisible();
  await page.screenshot({ path: 'test-results/e2e-shots/notifications.png' });
  await expectAccessible(page, 'Notifications inbox', {
    // Backstage's own notifications page (@backstage/plugin-notifications), not ours: its
    // material-table column headers are react-beautiful-dnd drag handles, focusable buttons
    // nested inside the sort buttons (nested-interactive), one of them without a name
    // (aria-command-name). Only those headers are skipped; the rest of the page is checked.
    exclude: ['thead [data-rbd-draggable-context-id]'],
  });
  await page.getByRole('link', { name: 'My Tasks' }).first().click();
  await expect(page).toHaveURL(/\/my-tasks/);
  const task = page.getByRole('listitem').filter({ hasText: title });
  await expect(task).toBeVisible();
  await expectAccessible(page, 'My Tasks page');
  await page.screenshot({
    path: 'test-results/e2e-shots/my-tasks.png',
    fullPage: true,
  });
  await task.getByRole('button', { name: `Approve QA for DR #${id}` }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel(/Comment/).fill('Regression suite green.');
  await dialog.getByRole('button', { name: 'Approve', exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(
    page.getByRole('listitem').filter({ hasText: title }),
  ).toHaveCount(0);

  // The Security user rejects it with a comment, from the request's page.
  await page.context().close();
  page = await openPortalAs(browser, 'Sam Security');
  await page.goto(`/deployment-requests/${id}`);
  await expect(
    page.getByRole('button', { name: /Reject Security/ }).first(),
  ).toBeVisible();
  await expectAccessible(page, 'Request page, in progress, as an approver');
  await decide(
    page,
    'Reject',
    'Security',
    'The ledger image has a critical CVE; rebuild it.',
  );
  await expect(stateChip(page, 'Rejected')).toBeVisible();

  // The requester sees Rejected, the comment, and may clone it as a new draft.
  await page.context().close();
  page = await openPortalAs(browser, 'Devon Developer');
  await page.goto(`/deployment-requests/${id}`);
  await expect(stateChip(page, 'Rejected')).toBeVisible();
  await expect(
    page.getByText('The ledger image has a critical CVE; rebuild it.').first(),
  ).toBeVisible();
  await expect(page.getByText('Regression suite green.').first()).toBeVisible();
  await expect(
    page.getByRole('button', { name: 'Clone as new draft' }),
  ).toBeVisible();
  await expectAccessible(page, 'Request page, rejected');
  await page.screenshot({
    path: 'test-results/e2e-shots/dr-rejected.png',
    fullPage: true,
  });
});

test('an approved request with steps completes once its deployments succeed', async ({
  browser,
  request,
}) => {
  const title = `Storefront ${run} to staging`;
  const version = `3.${run}.0`;

  let page = await openPortalAs(browser, 'Devon Developer');
  await page.goto('/deployment-requests/new');
  await fillRequest(page, {
    title,
    environment: 'staging',
    items: [{ product: 'storefront-web', version }],
    slots: ['QA'],
    preSteps: ['Announce the release window'],
    postSteps: ['Check the storefront dashboards'],
  });
  await expectAccessible(page, 'New-request page');
  await page.getByRole('button', { name: 'Submit for approval' }).click();
  await expect(page.getByRole('heading', { name: title })).toBeVisible();
  const id = requestIdOf(page);

  // Deploying before approval is refused.
  const early = await request.post(
    `${BACKEND}/api/deployments/deployments`,
    {
      headers: { Authorization: 'Bearer shipgate-dev-ci-token' },
      data: {
        product_name: 'storefront-web',
        version,
        environment_name: 'staging',
        status: 'running',
        deployment_request_id: id,
      },
    },
  );
  expect(early.status()).toBe(409);

  await page.context().close();
  page = await openPortalAs(browser, 'Quinn QA');
  await page.goto(`/deployment-requests/${id}`);
  await decide(page, 'Approve', 'QA', 'Looks good.');
  await expect(stateChip(page, 'Approved')).toBeVisible();
  await expectAccessible(page, 'Request page, approved');

  // The requester ticks the pre-step; CI deploys; the requester ticks the post-step.
  await page.context().close();
  page = await openPortalAs(browser, 'Devon Developer');
  await page.goto(`/deployment-requests/${id}`);
  await tickStep(page, 'Announce the release window');
  for (const status of ['running', 'success']) {
    await postDeployment(request, {
      product_name: 'storefront-web',
      version,
      environment_name: 'staging',
      status,
      deployment_request_id: id,
    });
  }
  const progress = page.getByRole('table', { name: 'Deployment progress' });
  await expect(progress.getByText('Deployed', { exact: true })).toBeVisible();
  await tickStep(page, 'Check the storefront dashboards');
  await expect(stateChip(page, 'Completed')).toBeVisible();
  await expectAccessible(page, 'Request page, completed');
  await page.screenshot({
    path: 'test-results/e2e-shots/dr-completed.png',
    fullPage: true,
  });
});
