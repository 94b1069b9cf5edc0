import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderInTestApp } from '@backstage/test-utils';
import { ConfirmDeleteDialog } from './ConfirmDeleteDialog';

describe('ConfirmDeleteDialog', () => {
  it('is closed without a name to delete', async () => {
    await renderInTestApp(
      <ConfirmDeleteDialog
        kind="rule"
        consequences=""
        onDelete={jest.fn()}
        onClose={jest.fn()}
      />,
    );
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
  });

  it("says what deleting does, and keeps the dialog open with the server's refusal", async () => {
    const onDelete = jest
      .fn()
      .mockRejectedValueOnce(new Error('rule 4 is in use'))
      .mockResolvedValueOnce(undefined);
    const onClose = jest.fn();
    await renderInTestApp(
      <ConfirmDeleteDialog
        kind="rule"
        name="Production needs a request"
        consequences="Requests keep their slots."
        onDelete={onDelete}
        onClose={onClose}
      />,
    );
    const dialog = screen.getByRole('dialog', { name: 'Delete rule?' });
    expect(dialog).toHaveTextContent(
      'Delete "Production needs a request"? Requests keep their slots.',
    );

    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Delete' }),
    );
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      'Could not delete the rule: rule 4 is in use',
    );
    expect(onClose).not.toHaveBeenCalled();

    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Delete' }),
    );
    await waitFor(() =>
      expect(within(dialog).queryByRole('alert')).not.toBeInTheDocument(),
    );
    expect(onDelete).toHaveBeenCalledTimes(2);
  });
});
