import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderInTestApp } from '@backstage/test-utils';
import { Environment } from '@shipgate/plugin-deployments-common';
import { EnvironmentDialog } from './EnvironmentDialog';

const production: Environment = {
  name: 'production',
  title: 'Production',
  tier: 'production',
  order: 6,
  deployPolicy: 'manual',
  requiredApprovals: 2,
  allowSelfApproval: false,
  protection: null,
};

describe('EnvironmentDialog', () => {
  const setup = async () => {
    const onSave = jest.fn(async () => {});
    await renderInTestApp(
      <EnvironmentDialog
        environment={production}
        onClose={jest.fn()}
        onSave={onSave}
      />,
    );
    return { onSave };
  };
  const save = () =>
    userEvent.click(screen.getByRole('button', { name: 'Save' }));

  it('sends every field, counts as numbers', async () => {
    const { onSave } = await setup();
    const approvals = screen.getByLabelText('Required approvals');
    await userEvent.clear(approvals);
    await userEvent.type(approvals, '3');
    await userEvent.click(screen.getByLabelText('Allow self-approval'));
    await save();
    await waitFor(() =>
      expect(onSave).toHaveBeenCalledWith({
        title: 'Production',
        tier: 'production',
        order: 6,
        deployPolicy: 'manual',
        requiredApprovals: 3,
        allowSelfApproval: true,
      }),
    );
  });

  it('refuses an empty title, an empty order and more than 100 approvals with the schema’s limits, and sends nothing', async () => {
    const { onSave } = await setup();
    await userEvent.clear(screen.getByLabelText('Title'));
    await userEvent.clear(screen.getByLabelText('Order'));
    const approvals = screen.getByLabelText('Required approvals');
    await userEvent.clear(approvals);
    await userEvent.type(approvals, '101');
    await save();
    expect(await screen.findByText('Title is required')).toBeInTheDocument();
    expect(screen.getByText('Order must be a number')).toBeInTheDocument();
    expect(screen.getByText(/less than or equal to 100/)).toBeInTheDocument();
    expect(onSave).not.toHaveBeenCalled();
  });
});
