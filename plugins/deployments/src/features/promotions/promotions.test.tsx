import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router-dom';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { deploymentsApiRef } from '../../api';
import { fakeDeploymentsApi, pageOf } from '../../testing/fakeDeploymentsApi';
import { PRODUCT, preview, promotion } from '../../testing/promotionFixtures';
import { PromoteDialog } from './PromoteDialog';
import { PromotionDetails } from './PromotionDetails';
import { PromotionHistory } from './PromotionHistory';
import { PromotionPage } from './PromotionPage';

let user: ReturnType<typeof userEvent.setup>;
beforeEach(() => {
  user = userEvent.setup({ delay: null });
});

const render = (
  api: ReturnType<typeof fakeDeploymentsApi>,
  node: JSX.Element,
) =>
  renderInTestApp(
    <TestApiProvider apis={[[deploymentsApiRef, api]]}>{node}</TestApiProvider>,
  );

describe('PromoteDialog', () => {
  it('shows the preview of the chosen transition and requests the promotion with notes', async () => {
    const api = fakeDeploymentsApi();
    api.previewPromotion.mockResolvedValue(preview);
    api.requestPromotion.mockResolvedValue(promotion());
    const onDone = jest.fn();
    await render(
      api,
      <PromoteDialog
        product={PRODUCT}
        source="staging"
        transitions={[
          { from: 'staging', to: 'production', requiredApprovals: 2 },
        ]}
        onDone={onDone}
        onClose={jest.fn()}
      />,
    );
    expect(
      await screen.findByText(/changed since its last promotion/),
    ).toBeInTheDocument();
    const variables = screen.getByRole('table', { name: 'Variable diff' });
    expect(within(variables).getByText('REPLICA_COUNT')).toBeInTheDocument();
    expect(
      within(variables).getByText('changed in target'),
    ).toBeInTheDocument();
    expect(api.previewPromotion).toHaveBeenCalledWith(PRODUCT, {
      source: 'staging',
      target: 'production',
    });
    await user.type(
      screen.getByLabelText('Notes for the approvers'),
      'ship it',
    );
    await user.click(screen.getByRole('button', { name: 'Request promotion' }));
    await waitFor(() =>
      expect(api.requestPromotion).toHaveBeenCalledWith(PRODUCT, {
        source: 'staging',
        target: 'production',
        notes: 'ship it',
      }),
    );
    expect(onDone).toHaveBeenCalled();
  });

  it('refuses to request while the source soaks', async () => {
    const api = fakeDeploymentsApi();
    api.previewPromotion.mockResolvedValue({
      ...preview,
      soak: {
        requiredMinutes: 60,
        elapsedMinutes: 10,
        remainingMinutes: 50,
        satisfied: false,
      },
    });
    await render(
      api,
      <PromoteDialog
        product={PRODUCT}
        source="staging"
        transitions={[
          {
            from: 'staging',
            to: 'production',
            requiredApprovals: 2,
            soakMinutes: 60,
          },
        ]}
        onDone={jest.fn()}
        onClose={jest.fn()}
      />,
    );
    expect(await screen.findByText(/50 minutes left/)).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Request promotion' }),
    ).toBeDisabled();
  });
});

describe('PromotionDetails', () => {
  it('approves, and rejects only with a comment', async () => {
    const api = fakeDeploymentsApi();
    api.approvePromotion.mockResolvedValue(
      promotion({
        approvals: [
          {
            by: 'user:default/remy',
            decision: 'approve',
            comment: null,
            at: '2026-12-01T10:05:00Z',
          },
        ],
      }),
    );
    const onChanged = jest.fn();
    await render(
      api,
      <PromotionDetails promotion={promotion()} onChanged={onChanged} />,
    );
    expect(screen.getByRole('button', { name: 'Reject' })).toBeDisabled();
    await user.click(screen.getByRole('button', { name: 'Approve' }));
    await waitFor(() =>
      expect(api.approvePromotion).toHaveBeenCalledWith(7, undefined),
    );
    expect(onChanged).toHaveBeenCalled();
    await user.type(
      screen.getByLabelText('Comment (required to reject)'),
      'not now',
    );
    await user.click(screen.getByRole('button', { name: 'Reject' }));
    await waitFor(() =>
      expect(api.rejectPromotion).toHaveBeenCalledWith(7, 'not now'),
    );
  });
});

describe('PromotionHistory', () => {
  it('lists the seed columns and filters by status on the server', async () => {
    const api = fakeDeploymentsApi();
    api.listPromotions.mockResolvedValue(
      pageOf([
        promotion({
          status: 'completed',
          approvals: [
            {
              by: 'user:default/remy',
              decision: 'approve',
              comment: null,
              at: '2026-12-01T10:05:00Z',
            },
          ],
          durationSeconds: 300,
        }),
      ]),
    );
    await render(
      api,
      <PromotionHistory
        product={PRODUCT}
        environments={['staging', 'production']}
      />,
    );
    expect(
      await screen.findByRole('button', { name: 'Open promotion 7' }),
    ).toHaveTextContent('staging → production');
    expect(screen.getByText('5 min')).toBeInTheDocument();
    expect(screen.getByText(/remy \(approved/)).toBeInTheDocument();
    expect(
      screen.getByText('1 workload · 1 variable · 0 binding'),
    ).toBeInTheDocument();
    await user.selectOptions(screen.getByLabelText('Status'), 'rejected');
    await waitFor(() =>
      expect(api.listPromotions).toHaveBeenLastCalledWith(
        PRODUCT,
        expect.objectContaining({ status: 'rejected', page: 1 }),
      ),
    );
    await user.click(screen.getByRole('button', { name: 'Open promotion 7' }));
    expect(
      await screen.findByText('Preview at request time'),
    ).toBeInTheDocument();
  });
});

describe('PromotionPage', () => {
  const renderAt = (api: ReturnType<typeof fakeDeploymentsApi>, path: string) =>
    renderInTestApp(
      <TestApiProvider apis={[[deploymentsApiRef, api]]}>
        <Routes>
          <Route path="/promotions/*" element={<PromotionPage />} />
        </Routes>
      </TestApiProvider>,
      { routeEntries: [path] },
    );

  it('shows the promotion its address names', async () => {
    const api = fakeDeploymentsApi();
    api.getPromotion.mockResolvedValue(promotion());
    await renderAt(api, '/promotions/7');
    expect(await screen.findByText('Promotion #7')).toBeInTheDocument();
    expect(api.getPromotion).toHaveBeenCalledWith(7);
  });

  it.each(['/promotions', '/promotions/abc', '/promotions/0'])(
    'says there is no promotion at %s, and asks the server nothing',
    async path => {
      const api = fakeDeploymentsApi();
      await renderAt(api, path);
      expect(
        await screen.findByText('No promotion at this address'),
      ).toBeInTheDocument();
      expect(api.getPromotion).not.toHaveBeenCalled();
    },
  );
});
