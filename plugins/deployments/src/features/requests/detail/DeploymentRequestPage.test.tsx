import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes, useParams } from 'react-router-dom';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { signalApiRef } from '@backstage/plugin-signals-react';
import { DeploymentRequest } from '@shipgate/plugin-deployments-common';
import { deploymentsApiRef } from '../../../api';
import {
  deploymentRequest,
  fakeDeploymentsApi,
} from '../../../testing/fakeDeploymentsApi';
import { fakeSignalApi } from '../../../testing/fakeSignalApi';
import { DeploymentRequestPage } from './DeploymentRequestPage';
import { serverRefusal } from '../../../testing/serverRefusal';

type Api = ReturnType<typeof fakeDeploymentsApi>;

function EditPage() {
  const { id } = useParams();
  return <div>Editing draft {id}</div>;
}

async function renderPage(
  api: Api,
  signals = fakeSignalApi(),
  path = '/deployment-requests/12',
) {
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [deploymentsApiRef, api],
        [signalApiRef, signals.api],
      ]}
    >
      <Routes>
        <Route
          path="/deployment-requests/:id"
          element={<DeploymentRequestPage />}
        />
        <Route path="/deployment-requests/:id/edit" element={<EditPage />} />
      </Routes>
    </TestApiProvider>,
    {
      routeEntries: [path],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    },
  );
}

/** Two products to production, a QA slot the caller may decide and a Security slot they may not. */
function twoSlotRequest(
  overrides: Partial<DeploymentRequest> = {},
): DeploymentRequest {
  return deploymentRequest({
    id: 12,
    title: 'Release 2.0',
    items: [
      {
        id: 1,
        product: 'component:default/payment-api',
        productName: 'payment-api',
        version: '1.2.3',
      },
      {
        id: 2,
        product: 'component:default/web',
        productName: 'web',
        version: '3.1.0',
      },
    ],
    slots: [
      {
        id: 101,
        approvalType: 'qa',
        requiredCount: 2,
        state: 'open',
        decisions: [
          {
            id: 1,
            decidedBy: 'user:default/quinn',
            decision: 'approve',
            comment: 'Regression suite green',
            createdAt: '2024-05-01T11:00:00Z',
          },
        ],
      },
      {
        id: 102,
        approvalType: 'security',
        requiredCount: 1,
        state: 'open',
        decisions: [],
      },
    ],
    abilities: {
      edit: false,
      submit: false,
      cancel: true,
      complete: false,
      clone: false,
      decide: { 101: null, 102: 'Security approvals need the security role' },
      completeStep: {},
    },
    ...overrides,
  });
}

describe('DeploymentRequestPage', () => {
  it('shows the request: title, id, state, environment, creator, items', async () => {
    const api = fakeDeploymentsApi();
    api.getRequest.mockResolvedValue(twoSlotRequest());
    await renderPage(api);

    expect(
      await screen.findByRole('heading', { name: 'Release 2.0' }),
    ).toBeInTheDocument();
    expect(api.getRequest).toHaveBeenCalledWith(12);
    expect(screen.getByText(/#12 · deploy to production/)).toBeInTheDocument();
    expect(screen.getAllByText('In progress')[0]).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'bob' })).toHaveAttribute(
      'href',
      '/catalog/default/user/bob',
    );
    const items = screen.getByRole('list', { name: 'Items' });
    expect(within(items).getByText('3.1.0')).toBeInTheDocument();
    expect(within(items).getByRole('link', { name: 'web' })).toHaveAttribute(
      'href',
      '/catalog/default/component/web',
    );
  });

  it('offers approve and reject only on the slots the caller may decide, and says why not on the others', async () => {
    const api = fakeDeploymentsApi();
    api.getRequest.mockResolvedValue(twoSlotRequest());
    await renderPage(api);

    const qa = await screen.findByRole('region', { name: 'QA approval' });
    expect(within(qa).getByText('1 of 2 approvals')).toBeInTheDocument();
    expect(
      within(qa).getByText('Regression suite green', { exact: false }),
    ).toBeInTheDocument();
    expect(
      within(qa).getByRole('button', { name: 'Approve QA' }),
    ).toBeEnabled();
    expect(within(qa).getByRole('button', { name: 'Reject QA' })).toBeEnabled();

    const security = screen.getByRole('region', { name: 'Security approval' });
    expect(within(security).queryByRole('button')).not.toBeInTheDocument();
    expect(
      within(security).getByText('Security approvals need the security role'),
    ).toBeInTheDocument();
  });

  it('says which deployment rule added a slot', async () => {
    const api = fakeDeploymentsApi();
    const request = twoSlotRequest();
    request.slots[1] = {
      ...request.slots[1],
      fromRule: { id: 4, name: 'Security signs production' },
    };
    api.getRequest.mockResolvedValue(request);
    await renderPage(api);

    const security = await screen.findByRole('region', {
      name: 'Security approval',
    });
    expect(
      within(security).getByText('from rule Security signs production'),
    ).toBeInTheDocument();
    const qa = screen.getByRole('region', { name: 'QA approval' });
    expect(within(qa).queryByText(/from rule/)).not.toBeInTheDocument();
  });

  it('shows no decision buttons on a closed slot or a request that is no longer in progress', async () => {
    const api = fakeDeploymentsApi();
    const request = twoSlotRequest({ state: 'rejected' });
    request.slots[1] = { ...request.slots[1], state: 'rejected' };
    request.abilities.decide = {
      101: 'The request is rejected',
      102: 'The slot is closed',
    };
    api.getRequest.mockResolvedValue(request);
    await renderPage(api);

    await screen.findByRole('region', { name: 'QA approval' });
    expect(
      screen.queryByRole('button', { name: /^Approve/ }),
    ).not.toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: /^Reject/ }),
    ).not.toBeInTheDocument();
  });

  it('approves a slot with the ids and comment given and shows the state the server answers', async () => {
    const api = fakeDeploymentsApi();
    api.getRequest.mockResolvedValue(twoSlotRequest());
    const approved = twoSlotRequest({
      state: 'approved',
      abilities: { ...twoSlotRequest().abilities, decide: {} },
    });
    approved.slots = approved.slots.map(slot => ({
      ...slot,
      state: 'approved',
    }));
    api.decideSlot.mockResolvedValue(approved);
    await renderPage(api);

    await userEvent.click(
      await screen.findByRole('button', { name: 'Approve QA' }),
    );
    const dialog = await screen.findByRole('dialog');
    expect(
      within(dialog).getByText('Approve QA for DR #12'),
    ).toBeInTheDocument();
    await userEvent.type(
      within(dialog).getByLabelText(/Comment/),
      'Looks good',
    );
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Approve' }),
    );

    expect(api.decideSlot).toHaveBeenCalledWith(12, 101, {
      decision: 'approve',
      comment: 'Looks good',
    });
    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
    expect(screen.getAllByText('Approved').length).toBeGreaterThan(0);
    expect(document.querySelector('[data-state="approved"]')).not.toBeNull();
    expect(
      screen.queryByRole('button', { name: 'Approve QA' }),
    ).not.toBeInTheDocument();
  });

  it('refuses a rejection without a comment, then sends it with one', async () => {
    const api = fakeDeploymentsApi();
    api.getRequest.mockResolvedValue(twoSlotRequest());
    api.decideSlot.mockResolvedValue(twoSlotRequest({ state: 'rejected' }));
    await renderPage(api);

    await userEvent.click(
      await screen.findByRole('button', { name: 'Reject QA' }),
    );
    const dialog = await screen.findByRole('dialog');
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Reject' }),
    );
    expect(
      within(dialog).getByText(/Say why you reject \(at least 5 characters\)/),
    ).toBeInTheDocument();
    await userEvent.type(within(dialog).getByLabelText(/Comment/), 'no');
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Reject' }),
    );
    expect(api.decideSlot).not.toHaveBeenCalled();

    await userEvent.type(
      within(dialog).getByLabelText(/Comment/),
      't yet: load test fails',
    );
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Reject' }),
    );
    expect(api.decideSlot).toHaveBeenCalledWith(12, 101, {
      decision: 'reject',
      comment: 'not yet: load test fails',
    });
    await waitFor(() =>
      expect(document.querySelector('[data-state="rejected"]')).not.toBeNull(),
    );
  });

  it("keeps the dialog open with the server's message when the decision is refused", async () => {
    const api = fakeDeploymentsApi();
    api.getRequest.mockResolvedValue(twoSlotRequest());
    api.decideSlot.mockRejectedValue(
      await serverRefusal(
        409,
        'ConflictError',
        'you have already decided this slot',
      ),
    );
    await renderPage(api);

    await userEvent.click(
      await screen.findByRole('button', { name: 'Approve QA' }),
    );
    const dialog = await screen.findByRole('dialog');
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Approve' }),
    );

    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      'Could not approve: you have already decided this slot',
    );
  });

  it('lets the caller tick only the steps they may complete, with a note, and says why not on the others', async () => {
    const api = fakeDeploymentsApi();
    const request = twoSlotRequest({
      state: 'approved',
      steps: [
        {
          id: 201,
          phase: 'pre',
          title: 'Run smoke tests',
          role: null,
          completedBy: null,
          completedAt: null,
          note: null,
        },
        {
          id: 202,
          phase: 'pre',
          title: 'Verify migrations',
          role: null,
          completedBy: 'user:default/sam',
          completedAt: '2024-05-01T12:00:00Z',
          note: 'dry-run clean',
        },
        {
          id: 203,
          phase: 'post',
          title: 'Health checks',
          role: 'sre',
          completedBy: null,
          completedAt: null,
          note: null,
        },
      ],
    });
    request.abilities.completeStep = {
      201: null,
      202: 'Already completed',
      203: 'Post-deployment steps wait until the items are deployed',
    };
    api.getRequest.mockResolvedValue(request);
    const done = {
      ...request,
      steps: request.steps.map(s =>
        s.id === 201
          ? {
              ...s,
              completedBy: 'user:default/alice',
              completedAt: '2024-05-01T13:00:00Z',
              note: 'all green',
            }
          : s,
      ),
    };
    api.completeStep.mockResolvedValue(done);
    await renderPage(api);

    const pre = await screen.findByRole('region', {
      name: 'Pre-deployment steps',
    });
    expect(within(pre).getByText('(1 of 2 done)')).toBeInTheDocument();
    const verified = within(pre).getByRole('checkbox', {
      name: 'Verify migrations',
    });
    expect(verified).toBeChecked();
    expect(verified).toBeDisabled();
    expect(within(pre).getByRole('link', { name: 'sam' })).toBeInTheDocument();
    expect(within(pre).getByText('dry-run clean')).toBeInTheDocument();

    // Who completes each step: a named role, or by default the requester's side.
    const post = screen.getByRole('region', { name: 'Post-deployment steps' });
    expect(
      within(post).getByText('To be completed by the sre role'),
    ).toBeInTheDocument();
    expect(
      within(pre).getAllByText(
        'To be completed by the requester, a release manager or an admin',
      ),
    ).toHaveLength(1);

    const health = screen.getByRole('checkbox', { name: 'Health checks' });
    expect(health).toBeDisabled();
    await userEvent.hover(
      health.closest('[class*="MuiCheckbox-root"]')!.parentElement!,
    );
    expect(await screen.findByRole('tooltip')).toHaveTextContent(
      'Post-deployment steps wait until the items are deployed',
    );

    const smoke = within(pre).getByRole('checkbox', {
      name: 'Run smoke tests',
    });
    expect(smoke).toBeEnabled();
    await userEvent.click(smoke);
    const dialog = await screen.findByRole('dialog');
    await userEvent.type(
      within(dialog).getByLabelText('Note (optional)'),
      'all green',
    );
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Mark complete' }),
    );

    expect(api.completeStep).toHaveBeenCalledWith(12, 201, 'all green');
    await waitFor(() =>
      expect(
        screen.getByRole('checkbox', { name: 'Run smoke tests' }),
      ).toBeChecked(),
    );
    expect(screen.getByText('(2 of 2 done)')).toBeInTheDocument();
  });

  it("shows the progress view with the seed's four states and a legend", async () => {
    const api = fakeDeploymentsApi();
    const request = twoSlotRequest({ state: 'approved' });
    request.progress = {
      environments: ['development', 'staging', 'production'],
      rows: [
        {
          product: 'component:default/payment-api',
          productName: 'payment-api',
          version: '1.2.3',
          cells: {
            development: { state: 'deployed', deploymentId: 1 },
            staging: { state: 'failed', deploymentId: 2 },
            production: { state: 'in_progress', deploymentId: 3 },
          },
        },
        {
          product: 'component:default/web',
          productName: 'web',
          version: '3.1.0',
          cells: { development: { state: 'deployed', deploymentId: 4 } },
        },
      ],
    };
    api.getRequest.mockResolvedValue(request);
    await renderPage(api);

    const table = await screen.findByRole('table', {
      name: 'Deployment progress',
    });
    const rows = within(table).getAllByRole('row');
    const cells = (row: HTMLElement) =>
      within(row)
        .getAllByRole('cell')
        .map(cell => cell.textContent);
    expect(cells(rows[1])).toEqual([
      'payment-api',
      '1.2.3',
      'Deployed',
      'Failed',
      'In progress',
    ]);
    expect(cells(rows[2])).toEqual([
      'web',
      '3.1.0',
      'Deployed',
      'Not deployed',
      'Not deployed',
    ]);
    expect(within(rows[1]).getByLabelText('Status ok')).toBeInTheDocument();
    expect(within(rows[1]).getByLabelText('Status error')).toBeInTheDocument();
    expect(
      within(rows[1]).getByLabelText('Status running'),
    ).toBeInTheDocument();
    expect(within(rows[2]).getAllByLabelText('Status aborted')).toHaveLength(2);
    expect(within(rows[0]).getByText('target')).toBeInTheDocument();

    const legend = screen.getByRole('list', { name: 'Legend' });
    for (const meaning of [
      'Successfully deployed',
      'Not yet deployed',
      'Deployment failed',
      'Deployment in progress',
    ]) {
      expect(within(legend).getByText(meaning)).toBeInTheDocument();
    }
  });

  it('lists the audit trail oldest first with actor, action, target, change and comment', async () => {
    const api = fakeDeploymentsApi();
    api.getRequest.mockResolvedValue(
      twoSlotRequest({
        audit: [
          {
            id: 2,
            actor: 'user:default/quinn',
            action: 'slot_decided',
            target: 'slot 101 (qa)',
            before: null,
            after: { decision: 'approve' },
            comment: 'Regression suite green',
            createdAt: '2024-05-01T11:00:00Z',
          },
          {
            id: 1,
            actor: 'user:default/bob',
            action: 'submitted',
            target: null,
            before: { state: 'draft' },
            after: { state: 'in_progress' },
            comment: null,
            createdAt: '2024-05-01T10:30:00Z',
          },
        ],
      }),
    );
    await renderPage(api);

    const table = await screen.findByRole('table', { name: 'Audit trail' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(within(rows[0]).getByText('submitted')).toBeInTheDocument();
    expect(rows[0]).toHaveTextContent('bob');
    expect(rows[0]).toHaveTextContent('draft → in_progress');
    expect(within(rows[1]).getByText('slot decided')).toBeInTheDocument();
    expect(rows[1]).toHaveTextContent('quinn');
    expect(rows[1]).toHaveTextContent('slot 101 (qa)');
    expect(rows[1]).toHaveTextContent('{"decision":"approve"}');
    expect(rows[1]).toHaveTextContent('Regression suite green');
  });

  describe('actions', () => {
    const abilities = (over: Partial<DeploymentRequest['abilities']>) => ({
      edit: false,
      submit: false,
      cancel: false,
      complete: false,
      clone: false,
      decide: {},
      completeStep: {},
      ...over,
    });

    it('shows only the actions the server allows', async () => {
      const api = fakeDeploymentsApi();
      api.getRequest.mockResolvedValue(
        twoSlotRequest({
          state: 'approved',
          abilities: abilities({ complete: true }),
        }),
      );
      await renderPage(api);

      expect(
        await screen.findByRole('button', { name: 'Mark completed' }),
      ).toBeEnabled();
      for (const name of [
        'Edit',
        'Submit for approval',
        'Cancel request',
        'Clone as new draft',
      ]) {
        expect(screen.queryByRole('button', { name })).not.toBeInTheDocument();
      }
    });

    it('edits and submits a draft', async () => {
      const api = fakeDeploymentsApi();
      api.getRequest.mockResolvedValue(
        twoSlotRequest({
          state: 'draft',
          abilities: abilities({ edit: true, submit: true, cancel: true }),
        }),
      );
      api.submitRequest.mockResolvedValue(
        twoSlotRequest({
          state: 'in_progress',
          abilities: abilities({ cancel: true }),
        }),
      );
      await renderPage(api);

      await userEvent.click(
        await screen.findByRole('button', { name: 'Submit for approval' }),
      );
      expect(api.submitRequest).toHaveBeenCalledWith(12);
      await waitFor(() =>
        expect(
          screen.queryByRole('button', { name: 'Submit for approval' }),
        ).not.toBeInTheDocument(),
      );
      expect(
        document.querySelector('[data-state="in_progress"]'),
      ).not.toBeNull();
      expect(
        screen.queryByRole('button', { name: 'Edit' }),
      ).not.toBeInTheDocument();
    });

    it('opens the edit page of a draft', async () => {
      const api = fakeDeploymentsApi();
      api.getRequest.mockResolvedValue(
        twoSlotRequest({
          state: 'draft',
          abilities: abilities({ edit: true }),
        }),
      );
      await renderPage(api);
      await userEvent.click(
        await screen.findByRole('button', { name: 'Edit' }),
      );
      expect(await screen.findByText('Editing draft 12')).toBeInTheDocument();
    });

    it('cancels only after the user confirms', async () => {
      const api = fakeDeploymentsApi();
      api.getRequest.mockResolvedValue(
        twoSlotRequest({ abilities: abilities({ cancel: true }) }),
      );
      api.cancelRequest.mockResolvedValue(
        twoSlotRequest({ state: 'canceled' }),
      );
      await renderPage(api);

      await userEvent.click(
        await screen.findByRole('button', { name: 'Cancel request' }),
      );
      let dialog = await screen.findByRole('dialog');
      await userEvent.click(
        within(dialog).getByRole('button', { name: 'Keep it' }),
      );
      await waitFor(() =>
        expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
      );
      expect(api.cancelRequest).not.toHaveBeenCalled();

      await userEvent.click(
        screen.getByRole('button', { name: 'Cancel request' }),
      );
      dialog = await screen.findByRole('dialog');
      await userEvent.click(
        within(dialog).getByRole('button', { name: 'Cancel request' }),
      );
      expect(api.cancelRequest).toHaveBeenCalledWith(12);
      await waitFor(() =>
        expect(
          document.querySelector('[data-state="canceled"]'),
        ).not.toBeNull(),
      );
    });

    it('clones a rejected request as a new draft and opens its edit page', async () => {
      const api = fakeDeploymentsApi();
      api.getRequest.mockResolvedValue(
        twoSlotRequest({
          state: 'rejected',
          abilities: abilities({ clone: true }),
        }),
      );
      api.cloneRequest.mockResolvedValue(
        twoSlotRequest({ id: 31, state: 'draft', clonedFromId: 12 }),
      );
      await renderPage(api);

      await userEvent.click(
        await screen.findByRole('button', { name: 'Clone as new draft' }),
      );
      expect(api.cloneRequest).toHaveBeenCalledWith(12);
      expect(await screen.findByText('Editing draft 31')).toBeInTheDocument();
    });

    it('offers clone exactly when the server allows it (a canceled request too)', async () => {
      const api = fakeDeploymentsApi();
      api.getRequest.mockResolvedValue(
        twoSlotRequest({
          state: 'canceled',
          abilities: abilities({ clone: true }),
        }),
      );
      await renderPage(api);
      expect(
        await screen.findByRole('button', { name: 'Clone as new draft' }),
      ).toBeInTheDocument();
    });

    it('offers no clone when the server does not allow it', async () => {
      const api = fakeDeploymentsApi();
      api.getRequest.mockResolvedValue(
        twoSlotRequest({
          state: 'approved',
          abilities: abilities({ clone: false }),
        }),
      );
      await renderPage(api);
      await screen.findByRole('heading', { name: 'Release 2.0' });
      expect(
        screen.queryByRole('button', { name: 'Clone as new draft' }),
      ).not.toBeInTheDocument();
    });

    it("shows the server's refusal of an action", async () => {
      const api = fakeDeploymentsApi();
      api.getRequest.mockResolvedValue(
        twoSlotRequest({
          state: 'approved',
          abilities: abilities({ complete: true }),
        }),
      );
      api.completeRequest.mockRejectedValue(
        new Error('post-steps are not all complete'),
      );
      await renderPage(api);
      await userEvent.click(
        await screen.findByRole('button', { name: 'Mark completed' }),
      );
      expect(await screen.findByRole('alert')).toHaveTextContent(
        'Could not mark it completed: post-steps are not all complete',
      );
    });
  });

  describe('live updates', () => {
    it('loads again and says who changed it when another user acts on this request', async () => {
      const api = fakeDeploymentsApi();
      api.getRequest.mockResolvedValue(twoSlotRequest());
      const signals = fakeSignalApi();
      await renderPage(api, signals);
      await screen.findByRole('heading', { name: 'Release 2.0' });
      await waitFor(() => expect(api.getMe).toHaveBeenCalled());
      api.getRequest.mockResolvedValue(twoSlotRequest({ state: 'rejected' }));

      act(() =>
        signals.send('deployment-requests', {
          requestId: 99,
          state: 'approved',
          actor: 'user:default/carol',
        }),
      );
      act(() =>
        signals.send('deployment-requests', {
          requestId: 12,
          state: 'rejected',
          actor: 'user:default/sec',
        }),
      );

      expect(await screen.findByRole('status')).toHaveTextContent(
        'Updated by sec',
      );
      await waitFor(() =>
        expect(
          document.querySelector('[data-state="rejected"]'),
        ).not.toBeNull(),
      );
      expect(api.getRequest).toHaveBeenCalledTimes(2);
    });

    it('loads again without a notice when the change was the caller’s own', async () => {
      const api = fakeDeploymentsApi();
      api.getRequest.mockResolvedValue(twoSlotRequest());
      const signals = fakeSignalApi();
      await renderPage(api, signals);
      await screen.findByRole('heading', { name: 'Release 2.0' });
      await waitFor(() => expect(api.getMe).toHaveBeenCalled());

      act(() =>
        signals.send('deployment-requests', {
          requestId: 12,
          state: 'in_progress',
          actor: 'user:default/alice',
        }),
      );
      await waitFor(() => expect(api.getRequest).toHaveBeenCalledTimes(2));
      expect(screen.queryByRole('status')).not.toBeInTheDocument();
    });

    it('loads again when a deployment of one of its products changes', async () => {
      const api = fakeDeploymentsApi();
      api.getRequest.mockResolvedValue(twoSlotRequest());
      const signals = fakeSignalApi();
      await renderPage(api, signals);
      await screen.findByRole('heading', { name: 'Release 2.0' });

      act(() =>
        signals.send('deployments', {
          deploymentId: 5,
          product: 'component:default/ledger',
          environment: 'production',
          status: 'running',
        }),
      );
      act(() =>
        signals.send('deployments', {
          deploymentId: 6,
          product: 'component:default/web',
          environment: 'production',
          status: 'running',
        }),
      );
      await waitFor(() => expect(api.getRequest).toHaveBeenCalledTimes(2));
    });
  });

  it('says the request was not found on a 404', async () => {
    const api = fakeDeploymentsApi();
    api.getRequest.mockRejectedValue(
      Object.assign(new Error('not found'), { statusCode: 404 }),
    );
    await renderPage(api, fakeSignalApi(), '/deployment-requests/404');
    expect(
      await screen.findAllByText('Deployment request not found'),
    ).not.toHaveLength(0);
    expect(
      screen.getByRole('button', { name: 'All deployment requests' }),
    ).toHaveAttribute('href', '/deployment-requests');
  });

  it('says not found for an id that is not a number, without asking the server', async () => {
    const api = fakeDeploymentsApi();
    await renderPage(api, fakeSignalApi(), '/deployment-requests/abc');
    expect(
      await screen.findAllByText('Deployment request not found'),
    ).not.toHaveLength(0);
    expect(api.getRequest).not.toHaveBeenCalled();
  });

  it('shows other errors', async () => {
    const api = fakeDeploymentsApi();
    api.getRequest.mockRejectedValue(new Error('backend down'));
    await renderPage(api);
    expect(await screen.findByText('Error: backend down')).toBeInTheDocument();
  });
});
