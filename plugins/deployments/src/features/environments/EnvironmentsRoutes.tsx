import { Route, Routes } from 'react-router-dom';
import { ReadableTextTheme } from '../../components/ReadableTextTheme';
import { BreakGlassReportPage } from '../breakGlass/BreakGlassReportPage';
import { EnvironmentsPage } from './EnvironmentsPage';
import { RulesPage } from '../rules/RulesPage';

/**
 * The Environments page, mounted at `/environments` (with a trailing `/*`): the environments
 * with their freezes and break-glass sessions, the break-glass report, and the deployment rules.
 */
export function EnvironmentsRoutes() {
  return (
    <ReadableTextTheme>
      <Routes>
        <Route index element={<EnvironmentsPage />} />
        <Route path="break-glass" element={<BreakGlassReportPage />} />
        <Route path="rules" element={<RulesPage />} />
      </Routes>
    </ReadableTextTheme>
  );
}
