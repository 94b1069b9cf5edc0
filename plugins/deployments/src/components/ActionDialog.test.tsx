import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderInTestApp } from '@backstage/test-utils';
import TextField from '@material-ui/core/TextField';
import { useState } from 'react';
import { ActionDialog } from './ActionDialog';
import { useServerAction } from '../hooks/useServerAction';

function ReasonDialog({
  action,
  onClose = jest.fn(),
}: {
  action: (reason: string) => Promise<void>;
  onClose?: () => void;
}) {
  const [reason, setReason] = useState('');
  const { run, busy, error } = useServerAction(action);
  return (
    <ActionDialog
      id="reason"
      title="Stop everything"
      submitLabel="Stop"
      errorPrefix="Could not stop"
      onSubmit={() => run(reason)}
      onClose={onClose}
      busy={busy}
      error={error}
    >
      <TextField
        id="reason-field"
        label="Reason"
        value={reason}
        onChange={e => setReason(e.target.value)}
      />
    </ActionDialog>
  );
}

describe('ActionDialog', () => {
  it('runs the action with the input, from the button or Enter, disabled while it runs', async () => {
    let finish: () => void = () => {};
    const action = jest.fn(
      () => new Promise<void>(resolve => (finish = resolve)),
    );
    await renderInTestApp(<ReasonDialog action={action} />);
    expect(
      screen.getByRole('dialog', { name: 'Stop everything' }),
    ).toBeInTheDocument();

    await userEvent.type(
      screen.getByRole('textbox', { name: 'Reason' }),
      'incident{Enter}',
    );
    expect(action).toHaveBeenCalledWith('incident');
    expect(screen.getByRole('button', { name: 'Stop' })).toBeDisabled();
    finish();
    await waitFor(() =>
      expect(screen.getByRole('button', { name: 'Stop' })).toBeEnabled(),
    );
  });

  it("shows the server's refusal, keeps the input, and clears the refusal on the next try", async () => {
    const action = jest
      .fn()
      .mockRejectedValueOnce(new Error('reason: must not be empty'))
      .mockResolvedValueOnce(undefined);
    const onClose = jest.fn();
    await renderInTestApp(<ReasonDialog action={action} onClose={onClose} />);

    await userEvent.click(screen.getByRole('button', { name: 'Stop' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Could not stop: reason: must not be empty',
    );
    await userEvent.type(screen.getByRole('textbox', { name: 'Reason' }), 'x');
    await userEvent.click(screen.getByRole('button', { name: 'Stop' }));
    await waitFor(() =>
      expect(screen.queryByRole('alert')).not.toBeInTheDocument(),
    );
    expect(action).toHaveBeenLastCalledWith('x');

    await userEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(onClose).toHaveBeenCalled();
  });
});
