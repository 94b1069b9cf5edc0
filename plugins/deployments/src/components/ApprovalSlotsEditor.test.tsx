import { useState } from 'react';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderInTestApp } from '@backstage/test-utils';
import {
  ApprovalSlotDraft,
  ApprovalSlotsEditor,
  approvalSlotErrors,
  fromApprovalSlotDrafts,
} from './ApprovalSlotsEditor';

function Harness({ initial }: { initial: ApprovalSlotDraft[] }) {
  const [value, setValue] = useState(initial);
  return (
    <>
      <ApprovalSlotsEditor value={value} onChange={setValue} />
      <output>{JSON.stringify(value)}</output>
    </>
  );
}

describe('approvalSlotErrors', () => {
  it('names a repeated approval type and counts below 1, above 20 or not whole', () => {
    expect(
      approvalSlotErrors([
        { approvalType: 'qa', requiredCount: '1' },
        { approvalType: 'qa', requiredCount: '0' },
        { approvalType: 'uat', requiredCount: '1.5' },
        { approvalType: 'security', requiredCount: '21' },
        { approvalType: 'compliance', requiredCount: '' },
      ]),
    ).toEqual([
      {},
      {
        approvalType: 'QA is already a slot; raise its required count instead',
        requiredCount: 'Required count must be a whole number of at least 1',
      },
      { requiredCount: 'Required count must be a whole number of at least 1' },
      { requiredCount: 'Required count must be at most 20' },
      { requiredCount: 'Required count must be a whole number of at least 1' },
    ]);
  });

  it('turns drafts into the numbers the API takes', () => {
    expect(
      fromApprovalSlotDrafts([{ approvalType: 'uat', requiredCount: ' 2 ' }]),
    ).toEqual([{ approvalType: 'uat', requiredCount: 2 }]);
  });
});

describe('ApprovalSlotsEditor', () => {
  it('adds a slot of the next unused type, shows readable labels, and removes slots', async () => {
    const user = userEvent.setup({ delay: null });
    await renderInTestApp(
      <Harness
        initial={[{ approvalType: 'code_review', requiredCount: '1' }]}
      />,
    );

    await user.click(screen.getByRole('button', { name: 'Add approval slot' }));
    expect(
      screen.getByRole('button', { name: 'Approval type 2' }),
    ).toHaveTextContent('QA');

    await user.click(screen.getByRole('button', { name: 'Approval type 2' }));
    const options = within(await screen.findByRole('listbox')).getAllByRole(
      'option',
    );
    expect(options.map(o => o.textContent)).toEqual([
      'Code review',
      'QA',
      'Security',
      'UAT',
      'Compliance',
      'Performance',
    ]);
    await user.click(options[5]);

    await user.click(
      screen.getByRole('button', { name: 'Remove approval slot 1' }),
    );
    expect(JSON.parse(screen.getByRole('status').textContent!)).toEqual([
      { approvalType: 'performance', requiredCount: '1' },
    ]);
  });

  it('cannot add a seventh slot: every type is taken', async () => {
    await renderInTestApp(
      <Harness
        initial={(
          [
            'code_review',
            'qa',
            'security',
            'uat',
            'compliance',
            'performance',
          ] as const
        ).map(approvalType => ({ approvalType, requiredCount: '1' }))}
      />,
    );
    expect(
      screen.getByRole('button', { name: 'Add approval slot' }),
    ).toBeDisabled();
  });
});
