import { Browser, expect, test } from '@playwright/test';
import { expectAccessible } from './accessibility';
import {
  BACKEND,
  CI_TOKEN,
  openPortalAs,
  postDeployment,
  waitForPortal,
} from './portal';

const asCi = { Authorization: `Bearer ${CI_TOKEN}` };

// Two people, four pages and two accessibility checks: more than the default test time.
test.setTimeout(420_000);

test.beforeAll(async ({ request }) => {
  await waitForPortal(request);
});

/**
 * Unprotects staging as an admin would, in the UI (CI's token may only record deployments).
 * Says whether staging was protected.
 */
async function unprotectStaging(browser: Browser): Promise<boolean> {
  const admin = await openPortalAs(browser, 'Ada Admin');
  try {
    await admin.goto('/environments');
    const button = admin.getByRole('button', { name: 'Protection staging' });
    if (((await button.textContent()) ?? '').includes('Protect')) return false;
    await button.click();
    const dialog = admin.getByRole('dialog');
    await dialog.getByRole('button', { name: 'Unprotect' }).click();
    await expect(dialog).toBeHidden();
    const stagingRow = admin.getByRole('row').filter({ hasText: 'Staging' });
    await expect(stagingRow.getByText('Unprotected')).toBeVisible();
    return true;
  } finally {
    await admin.context().close();
  }
}

// Whatever happens, staging is unprotected again for the other specs.
test.afterEach(async ({ browser }) => {
  await unprotectStaging(browser);
});

test('an admin protects staging with a QA rule, CI’s deployment waits, QA approves it from My Tasks, and it is unblocked', async ({
  browser,
  request,
}) => {
  const version = `8.${Date.now() % 100000}.0`;

  // An admin protects staging with the dialog's default rule: one approval from QA.
  const admin = await openPortalAs(browser, 'Ada Admin');
  await admin.goto('/environments');
  await admin.getByRole('button', { name: 'Protection staging' }).click();
  const dialog = admin.getByRole('dialog');
  await expect(dialog.getByRole('button', { name: 'Role qa' })).toBeVisible();
  await dialog.screenshot({ path: 'test-results/protected-dialog.png' });
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();
  const stagingRow = admin.getByRole('row').filter({ hasText: 'Staging' });
  await expect(stagingRow.getByText('1 rule')).toBeVisible();
  await expectAccessible(admin, 'Environments page');

  // CI posts a deployment to staging: recorded as blocked, in GitLab's shape.
  const blocked = await postDeployment(request, {
    product_name: 'payment-api',
    version,
    environment_name: 'staging',
    status: 'running',
    deployed_by: 'github-actions',
  });
  expect(blocked).toMatchObject({
    status: 'blocked',
    blocked_reason: 'waiting for approvals: 1 from qa',
    pending_approval_count: 1,
    approval_summary: {
      rules: [{ access_level: 'qa', required_approvals: 1 }],
    },
  });

  // The Deployments tab says what it waits for.
  await admin.goto('/catalog/default/component/payment-api/deployments');
  // The history's row (the matrix above shows the version too).
  const row = admin.getByRole('row', { name: new RegExp(`^#${blocked.id} `) });
  await expect(row.getByText('blocked: waiting for 1 from qa')).toBeVisible();
  await row.screenshot({ path: 'test-results/protected-blocked-row.png' });

  // Quinn (QA) approves it from My Tasks, ticking it and "Approve selected".
  const quinn = await openPortalAs(browser, 'Quinn QA');
  await quinn.goto('/my-tasks');
  const section = quinn.getByRole('region', { name: 'Deployment approvals' });
  await expect(
    section.getByText(
      `Approve deployment #${blocked.id}: payment-api ${version} → staging`,
    ),
  ).toBeVisible();
  await expectAccessible(quinn, 'My Tasks with a blocked deployment');
  await section.screenshot({ path: 'test-results/protected-my-tasks.png' });
  await section.getByLabel(`Select deployment #${blocked.id}`).check();
  await section.getByRole('button', { name: 'Approve selected (1)' }).click();
  await expect(
    quinn.getByText(`Approve deployment #${blocked.id}:`, { exact: false }),
  ).toBeHidden();

  // Unblocked: created, and CI's next event runs it.
  await quinn.goto('/catalog/default/component/payment-api/deployments');
  const unblocked = quinn.getByRole('row', {
    name: new RegExp(`^#${blocked.id} `),
  });
  await expect(unblocked.getByText('Created')).toBeVisible();
  await expect(unblocked.getByText(/^blocked/)).toBeHidden();
  await quinn.screenshot({
    path: 'test-results/protected-unblocked.png',
    fullPage: true,
  });
  const detail = await (
    await request.get(`${BACKEND}/api/deployments/deployments/${blocked.id}`, {
      headers: asCi,
    })
  ).json();
  expect(detail).toMatchObject({
    status: 'created',
    pending_approval_count: 0,
    approvals: [{ user: { username: 'quinn' }, status: 'approved' }],
  });
  const running = await postDeployment(request, {
    product_name: 'payment-api',
    version,
    environment_name: 'staging',
    status: 'running',
  });
  expect(running.status).toBe('running');

  // The admin lifts the protection: the next deployment runs at once.
  expect(await unprotectStaging(browser)).toBe(true);
  const unprotected = await postDeployment(request, {
    product_name: 'payment-api',
    version: `${version}-next`,
    environment_name: 'staging',
    status: 'running',
  });
  expect(unprotected.status).toBe('running');
});
