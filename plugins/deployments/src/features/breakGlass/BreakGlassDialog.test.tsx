import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderInTestApp } from '@backstage/test-utils';
import { BreakGlassDialog } from './BreakGlassDialog';

describe('BreakGlassDialog', () => {
  const setup = async () => {
    const onConfirm = jest.fn(async () => {});
    await renderInTestApp(
      <BreakGlassDialog
        environmentTitle="Production"
        onClose={jest.fn()}
        onConfirm={onConfirm}
      />,
    );
    return { onConfirm };
  };
  const breakGlass = () =>
    userEvent.click(screen.getByRole('button', { name: 'Break glass' }));

  it('refuses no reason and more than a day, under the fields, and sends nothing', async () => {
    const { onConfirm } = await setup();
    const minutes = screen.getByLabelText(/Minutes/);
    await userEvent.clear(minutes);
    await userEvent.type(minutes, '1441');
    await breakGlass();
    expect(
      await screen.findByText('Breaking glass needs a reason'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Minutes must be at most 1440 (one day)'),
    ).toBeInTheDocument();
    expect(onConfirm).not.toHaveBeenCalled();
  });

  it('sends the reason and the minutes as a number', async () => {
    const { onConfirm } = await setup();
    await userEvent.type(screen.getByLabelText(/Reason/), 'Hotfix for INC-7');
    await breakGlass();
    await waitFor(() =>
      expect(onConfirm).toHaveBeenCalledWith({
        reason: 'Hotfix for INC-7',
        minutes: 30,
      }),
    );
  });
});
