import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  DeploymentRequestTemplate,
  templateManagePermission,
} from '@shipgate/plugin-deployments-common';
import { deploymentsApiRef } from '../../api';
import { fakeDeploymentsApi, template } from '../../testing/fakeDeploymentsApi';
import { TemplatesPage } from './TemplatesPage';
import { serverRefusal } from '../../testing/serverRefusal';

const release = template();

const hotfix: DeploymentRequestTemplate = {
  ...release,
  id: 6,
  name: 'Hotfix',
  description: '',
  environments: [],
  slots: [{ approvalType: 'code_review', requiredCount: 1 }],
  preSteps: [],
  postSteps: [],
};

// usePermission caches answers across renders (SWR), so a test that is refused would leak its
// answer into the next one; each test says what the permission answers instead.
jest.mock('@backstage/plugin-permission-react', () => ({
  ...jest.requireActual('@backstage/plugin-permission-react'),
  usePermission: jest.fn(),
}));
const usePermissionMock = usePermission as jest.MockedFunction<
  typeof usePermission
>;

let user: ReturnType<typeof userEvent.setup>;
beforeEach(() => {
  user = userEvent.setup({ delay: null });
});

async function renderPage(
  api: ReturnType<typeof fakeDeploymentsApi>,
  { canManage }: { canManage: boolean },
) {
  usePermissionMock.mockImplementation(({ permission }) => ({
    loading: false,
    allowed: permission.name === templateManagePermission.name && canManage,
  }));
  return renderInTestApp(
    <TestApiProvider apis={[[deploymentsApiRef, api]]}>
      <TemplatesPage />
    </TestApiProvider>,
  );
}

async function fill(field: HTMLElement, text: string) {
  await user.click(field);
  await user.paste(text);
}

describe('TemplatesPage', () => {
  it('lists the templates with their environments, slots and step counts', async () => {
    const api = fakeDeploymentsApi();
    api.listTemplates.mockResolvedValue([release, hotfix]);
    await renderPage(api, { canManage: true });

    expect(
      screen.getByRole('heading', { name: 'Deployment request templates' }),
    ).toBeInTheDocument();
    const row = (await screen.findByText('Production release')).closest('tr')!;
    expect(
      within(row).getByText('Standard production release checklist'),
    ).toBeInTheDocument();
    expect(within(row).getByText('production')).toBeInTheDocument();
    expect(within(row).getByText('QA ×1')).toBeInTheDocument();
    expect(within(row).getByText('Security ×2')).toBeInTheDocument();
    expect(within(row).getByText('2 pre, 1 post')).toBeInTheDocument();
    const hotfixRow = screen.getByText('Hotfix').closest('tr')!;
    expect(within(hotfixRow).getByText('All')).toBeInTheDocument();
    expect(within(hotfixRow).getByText('Code review ×1')).toBeInTheDocument();
  });

  it('shows the list read-only, with a note, to people who may not manage templates', async () => {
    const api = fakeDeploymentsApi();
    api.listTemplates.mockResolvedValue([release]);
    await renderPage(api, { canManage: false });

    expect(await screen.findByText('Production release')).toBeInTheDocument();
    expect(
      await screen.findByText(
        /Creating, editing and deleting templates is for people allowed/,
      ),
    ).toBeInTheDocument();
    expect(usePermissionMock).toHaveBeenCalledWith({
      permission: templateManagePermission,
    });
    expect(
      screen.queryByRole('button', { name: 'New template' }),
    ).not.toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Edit Production release' }),
    ).not.toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Delete Production release' }),
    ).not.toBeInTheDocument();
  });

  it('creates a template from the dialog and lists it', async () => {
    const api = fakeDeploymentsApi();
    api.listTemplates.mockResolvedValueOnce([]).mockResolvedValue([hotfix]);
    api.createTemplate.mockResolvedValue(hotfix);
    await renderPage(api, { canManage: true });

    expect(await screen.findByText('No templates yet')).toBeInTheDocument();
    // Offered in the empty state (and above the list) once the permission is known.
    await user.click(
      (
        await screen.findAllByRole('button', { name: 'New template' })
      )[0],
    );
    const dialog = await screen.findByRole('dialog');

    await user.click(
      within(dialog).getByRole('button', { name: 'Create template' }),
    );
    expect(within(dialog).getByText('Name is required')).toBeInTheDocument();
    expect(api.createTemplate).not.toHaveBeenCalled();

    await fill(
      within(dialog).getByRole('textbox', { name: /^Name/ }),
      'Hotfix',
    );
    await user.click(
      within(dialog).getByRole('button', { name: 'Environments' }),
    );
    const listbox = await screen.findByRole('listbox');
    await user.click(
      within(listbox).getByRole('option', { name: 'Production' }),
    );
    await user.click(within(listbox).getByRole('option', { name: 'Staging' }));
    await user.keyboard('{Escape}');
    await user.click(
      within(dialog).getByRole('button', { name: 'Add approval slot' }),
    );
    await user.click(
      within(dialog).getByRole('button', { name: 'Add pre-deployment step' }),
    );
    await fill(
      within(dialog).getByRole('textbox', { name: 'Pre-deployment step 1' }),
      'Page the on-call',
    );
    await user.click(
      within(dialog).getByRole('button', { name: 'Create template' }),
    );

    await waitFor(() =>
      expect(api.createTemplate).toHaveBeenCalledWith({
        name: 'Hotfix',
        description: '',
        environments: ['production', 'staging'],
        slots: [{ approvalType: 'code_review', requiredCount: 1 }],
        preSteps: [{ title: 'Page the on-call', role: null }],
        postSteps: [],
      }),
    );
    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
    expect(await screen.findByText('Hotfix')).toBeInTheDocument();
  });

  it('edits a template with its current values filled in', async () => {
    const api = fakeDeploymentsApi();
    api.listTemplates.mockResolvedValue([release]);
    api.updateTemplate.mockResolvedValue(release);
    await renderPage(api, { canManage: true });

    await user.click(
      await screen.findByRole('button', { name: 'Edit Production release' }),
    );
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByRole('textbox', { name: /^Name/ })).toHaveValue(
      'Production release',
    );
    expect(
      within(dialog).getByRole('textbox', { name: 'Post-deployment step 1' }),
    ).toHaveValue('Check health dashboards');
    await user.click(
      within(dialog).getByRole('button', {
        name: 'Remove pre-deployment step 2',
      }),
    );
    await user.click(
      within(dialog).getByRole('button', { name: 'Save template' }),
    );

    await waitFor(() =>
      expect(api.updateTemplate).toHaveBeenCalledWith(5, {
        name: 'Production release',
        description: 'Standard production release checklist',
        environments: ['production'],
        slots: [
          { approvalType: 'qa', requiredCount: 1 },
          { approvalType: 'security', requiredCount: 2 },
        ],
        preSteps: [{ title: 'Run smoke tests', role: null }],
        postSteps: [{ title: 'Check health dashboards', role: 'sre' }],
      }),
    );
  });

  it("keeps the dialog and the input when the server refuses, showing the server's message", async () => {
    const api = fakeDeploymentsApi();
    api.listTemplates.mockResolvedValue([release]);
    api.updateTemplate.mockRejectedValue(
      await serverRefusal(
        409,
        'ConflictError',
        'a template named Hotfix already exists',
      ),
    );
    await renderPage(api, { canManage: true });

    await user.click(
      await screen.findByRole('button', { name: 'Edit Production release' }),
    );
    const dialog = await screen.findByRole('dialog');
    const name = within(dialog).getByRole('textbox', { name: /^Name/ });
    await user.clear(name);
    await fill(name, 'Hotfix');
    await user.click(
      within(dialog).getByRole('button', { name: 'Save template' }),
    );

    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      'Could not save the template: a template named Hotfix already exists',
    );
    expect(within(dialog).getByRole('textbox', { name: /^Name/ })).toHaveValue(
      'Hotfix',
    );
  });

  it('deletes a template only after confirmation', async () => {
    const api = fakeDeploymentsApi();
    api.listTemplates
      .mockResolvedValueOnce([release, hotfix])
      .mockResolvedValue([hotfix]);
    api.deleteTemplate.mockResolvedValue();
    await renderPage(api, { canManage: true });

    await user.click(
      await screen.findByRole('button', { name: 'Delete Production release' }),
    );
    const dialog = await screen.findByRole('dialog');
    expect(dialog).toHaveTextContent('Delete "Production release"?');
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
    expect(api.deleteTemplate).not.toHaveBeenCalled();

    await user.click(
      screen.getByRole('button', { name: 'Delete Production release' }),
    );
    await user.click(
      within(await screen.findByRole('dialog')).getByRole('button', {
        name: 'Delete',
      }),
    );

    await waitFor(() => expect(api.deleteTemplate).toHaveBeenCalledWith(5));
    await waitFor(() =>
      expect(screen.queryByText('Production release')).not.toBeInTheDocument(),
    );
  });

  it('shows the error when the templates cannot be listed', async () => {
    const api = fakeDeploymentsApi();
    api.listTemplates.mockRejectedValue(
      new Error('templates table is missing'),
    );
    await renderPage(api, { canManage: true });
    expect(
      await screen.findByText('Error: templates table is missing', {
        selector: 'h6',
      }),
    ).toBeInTheDocument();
  });
});
