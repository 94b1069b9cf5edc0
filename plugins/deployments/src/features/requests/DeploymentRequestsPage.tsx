import { Route, Routes } from 'react-router-dom';
import { DeploymentRequestList } from './DeploymentRequestList';
import { DeploymentRequestPage } from './detail/DeploymentRequestPage';
import { EditDeploymentRequestPage } from './form/EditDeploymentRequestPage';
import { NewDeploymentRequestPage } from './form/NewDeploymentRequestPage';
import { TemplatesPage } from '../templates/TemplatesPage';
import { ReadableTextTheme } from '../../components/ReadableTextTheme';

/**
 * The global Deployment Requests page, mounted at `/deployment-requests` (the app mounts it
 * with a trailing `/*`): the list, a new request, the templates, one request and its edit page.
 * Each view draws its own header; all of them use the readable secondary text colour.
 */
export function DeploymentRequestsPage() {
  return (
    <ReadableTextTheme>
      <Routes>
        <Route index element={<DeploymentRequestList />} />
        <Route path="new" element={<NewDeploymentRequestPage />} />
        <Route path="templates" element={<TemplatesPage />} />
        <Route path=":id" element={<DeploymentRequestPage />} />
        <Route path=":id/edit" element={<EditDeploymentRequestPage />} />
      </Routes>
    </ReadableTextTheme>
  );
}
