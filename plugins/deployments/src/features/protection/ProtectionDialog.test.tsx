import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderInTestApp } from '@backstage/test-utils';
import { ProtectionDialog } from './ProtectionDialog';

const setup = async (protection: any = null) => {
  const onSave = jest.fn(async () => {});
  const onClose = jest.fn();
  await renderInTestApp(
    <ProtectionDialog
      environmentName="production"
      protection={protection}
      onClose={onClose}
      onSave={onSave}
    />,
  );
  return { onSave, onClose };
};

describe('ProtectionDialog', () => {
  it('saves a qa rule and a group rule, turning a bare group name into an entity ref', async () => {
    const { onSave } = await setup();
    await userEvent.click(screen.getByRole('button', { name: 'Add rule' }));
    // The second rule: a group with two approvals.
    await userEvent.click(screen.getAllByLabelText('Approver')[1]);
    await userEvent.click(await screen.findByRole('option', { name: 'Group' }));
    const value = screen.getAllByLabelText('Group or user')[0];
    await userEvent.type(value, 'security-team');
    const counts = screen.getAllByLabelText('Approvals');
    await userEvent.clear(counts[1]);
    await userEvent.type(counts[1], '2');
    await userEvent.click(
      screen.getByLabelText(
        'Allow the triggerer to approve their own deployment',
      ),
    );
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() =>
      expect(onSave).toHaveBeenCalledWith({
        approvalRules: [
          { role: 'qa', requiredApprovals: 1 },
          { group: 'group:default/security-team', requiredApprovals: 2 },
        ],
        allowTriggererToApprove: true,
      }),
    );
  });

  it('refuses a rule with no approvals needed, with the schema’s words, and saves nothing', async () => {
    const { onSave } = await setup();
    const [count] = screen.getAllByLabelText('Approvals');
    await userEvent.clear(count);
    await userEvent.type(count, '0');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(
      await screen.findByText(/greater than or equal to 1/i),
    ).toBeInTheDocument();
    expect(onSave).not.toHaveBeenCalled();
  });

  it('edits existing rules and unprotects with null', async () => {
    const { onSave } = await setup({
      approvalRules: [{ user: 'user:default/remy', requiredApprovals: 1 }],
      allowTriggererToApprove: false,
    });
    expect(screen.getByDisplayValue('user:default/remy')).toBeInTheDocument();
    expect(
      screen.getByText(/Unprotect lets the deployments waiting/),
    ).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Unprotect' }));
    await waitFor(() => expect(onSave).toHaveBeenCalledWith(null));
  });

  it('shows the server’s refusal and keeps the input', async () => {
    const onSave = jest.fn(async () => {
      throw new Error(
        'approvalRules: each role, group or user may have one rule only',
      );
    });
    await renderInTestApp(
      <ProtectionDialog
        environmentName="production"
        protection={null}
        onClose={jest.fn()}
        onSave={onSave}
      />,
    );
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText(/one rule only/)).toBeInTheDocument();
    expect(screen.getAllByLabelText('Approvals')).toHaveLength(1);
  });
});
