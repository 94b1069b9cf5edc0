import { useState } from 'react';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderInTestApp } from '@backstage/test-utils';
import { StepDefinition } from '@shipgate/plugin-deployments-common';
import { StepListEditor, stepErrors } from './StepListEditor';

const step = (title: string): StepDefinition => ({ title, role: null });

function Harness({
  initial,
  showErrors,
}: {
  initial: StepDefinition[];
  showErrors?: boolean;
}) {
  const [value, setValue] = useState(initial);
  return (
    <>
      <StepListEditor
        itemLabel="Pre-deployment step"
        value={value}
        onChange={setValue}
        showErrors={showErrors}
      />
      <output>{JSON.stringify(value)}</output>
    </>
  );
}

describe('StepListEditor', () => {
  it('adds, edits and removes steps', async () => {
    const user = userEvent.setup({ delay: null });
    await renderInTestApp(<Harness initial={[step('Run smoke tests')]} />);

    await user.click(
      screen.getByRole('button', { name: 'Add pre-deployment step' }),
    );
    await user.click(
      screen.getByRole('textbox', { name: 'Pre-deployment step 2' }),
    );
    await user.paste('Verify migrations');
    await user.click(
      screen.getByRole('button', { name: 'Remove pre-deployment step 1' }),
    );

    expect(JSON.parse(screen.getByRole('status').textContent!)).toEqual([
      { title: 'Verify migrations', role: null },
    ]);
  });

  it('names the role that completes a step', async () => {
    const user = userEvent.setup({ delay: null });
    await renderInTestApp(<Harness initial={[step('Scale up')]} />);
    await user.click(
      screen.getByRole('button', { name: /Who completes pre-deployment step 1/ }),
    );
    await user.click(screen.getByRole('option', { name: 'sre' }));
    expect(JSON.parse(screen.getByRole('status').textContent!)).toEqual([
      { title: 'Scale up', role: 'sre' },
    ]);
  });

  it('marks a blank step once errors are shown', async () => {
    await renderInTestApp(<Harness initial={[step('Smoke'), step('  ')]} showErrors />);
    expect(
      screen.getByText('Give the step a title or remove it'),
    ).toBeInTheDocument();
    expect(stepErrors(['ok', ' ', 'x'.repeat(501)])).toEqual([
      undefined,
      'Give the step a title or remove it',
      'A step title may have at most 500 characters',
    ]);
  });
});
