import { useState } from 'react';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderInTestApp } from '@backstage/test-utils';
import { StepListEditor, stepErrors } from './StepListEditor';

function Harness({
  initial,
  showErrors,
}: {
  initial: string[];
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
    await renderInTestApp(<Harness initial={['Run smoke tests']} />);

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
      'Verify migrations',
    ]);
  });

  it('marks a blank step once errors are shown', async () => {
    await renderInTestApp(<Harness initial={['Smoke', '  ']} showErrors />);
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
