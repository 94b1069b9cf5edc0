import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderInTestApp } from '@backstage/test-utils';
import { FreezeDialog } from './FreezeDialog';
import { StopTheLineDialog } from './StopTheLineDialog';

const setup = async () => {
  const onSave = jest.fn(async () => {});
  await renderInTestApp(
    <FreezeDialog
      environmentTitle="Production"
      onClose={jest.fn()}
      onSave={onSave}
    />,
  );
  return { onSave };
};

const add = () =>
  userEvent.click(screen.getByRole('button', { name: 'Add freeze' }));

describe('FreezeDialog', () => {
  it('sends a one-off window as UTC instants, with the reason', async () => {
    const { onSave } = await setup();
    await userEvent.type(screen.getByLabelText(/Reason/), 'Holiday');
    await userEvent.type(screen.getByLabelText(/Start/), '2026-12-24T09:00');
    await userEvent.type(screen.getByLabelText(/End/), '2026-12-27T09:00');
    await add();
    await waitFor(() =>
      expect(onSave).toHaveBeenCalledWith({
        reason: 'Holiday',
        start: new Date('2026-12-24T09:00').toISOString(),
        end: new Date('2026-12-27T09:00').toISOString(),
      }),
    );
  });

  it('refuses an end before the start and a missing reason under their fields, and sends nothing', async () => {
    const { onSave } = await setup();
    await userEvent.type(screen.getByLabelText(/Start/), '2026-12-24T09:00');
    await userEvent.type(screen.getByLabelText(/End/), '2026-12-23T09:00');
    await add();
    expect(
      await screen.findByText('End must be after start'),
    ).toBeInTheDocument();
    expect(screen.getByText('A freeze needs a reason')).toBeInTheDocument();
    expect(onSave).not.toHaveBeenCalled();
  });

  it('sends a recurring freeze with its schedule in words, and refuses a duration of 0 or an unknown time zone', async () => {
    const { onSave } = await setup();
    await userEvent.click(screen.getByLabelText('Recurring'));
    expect(screen.getByText('At 18:00, only on Friday')).toBeInTheDocument();
    await userEvent.type(screen.getByLabelText(/Reason/), 'Weekend');
    const duration = screen.getByLabelText(/Duration/);
    await userEvent.clear(duration);
    await userEvent.type(duration, '0');
    const zone = screen.getByLabelText(/Time zone/);
    await userEvent.clear(zone);
    await userEvent.type(zone, 'Mars/Olympus');
    await add();
    expect(
      await screen.findByText('Duration (minutes) must be greater than 0'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/^Unknown time zone 'Mars\/Olympus'/),
    ).toBeInTheDocument();
    expect(onSave).not.toHaveBeenCalled();

    await userEvent.clear(duration);
    await userEvent.type(duration, '2880');
    await userEvent.clear(zone);
    await userEvent.type(zone, 'Europe/Berlin');
    await add();
    await waitFor(() =>
      expect(onSave).toHaveBeenCalledWith({
        reason: 'Weekend',
        cron: '0 18 * * 5',
        durationMinutes: 2880,
        timezone: 'Europe/Berlin',
      }),
    );
  });

  it('says an empty duration must be a number instead of sending 0', async () => {
    const { onSave } = await setup();
    await userEvent.click(screen.getByLabelText('Recurring'));
    await userEvent.type(screen.getByLabelText(/Reason/), 'Weekend');
    await userEvent.clear(screen.getByLabelText(/Duration/));
    await add();
    expect(
      await screen.findByText('Duration (minutes) must be a number'),
    ).toBeInTheDocument();
    expect(onSave).not.toHaveBeenCalled();
  });
});

describe('StopTheLineDialog', () => {
  it('asks for a reason before freezing everything, then sends it trimmed', async () => {
    const onConfirm = jest.fn(async () => {});
    await renderInTestApp(
      <StopTheLineDialog onClose={jest.fn()} onConfirm={onConfirm} />,
    );
    const freeze = screen.getByRole('button', {
      name: 'Freeze every environment',
    });
    await userEvent.type(screen.getByLabelText(/Reason/), '   ');
    await userEvent.click(freeze);
    expect(
      await screen.findByText('A freeze needs a reason'),
    ).toBeInTheDocument();
    expect(onConfirm).not.toHaveBeenCalled();
    await userEvent.type(screen.getByLabelText(/Reason/), 'Incident 42 ');
    await userEvent.click(freeze);
    await waitFor(() => expect(onConfirm).toHaveBeenCalledWith('Incident 42'));
  });
});
