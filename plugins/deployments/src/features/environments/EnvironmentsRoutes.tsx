import { Route, Routes } from 'react-router-dom';
import { ReadableTextTheme } from '../../components/ReadableTextTheme';
import { BreakGlassReportPage } from '../breakGlass/BreakGlassReportPage';
import { EnvironmentsPage } from './EnvironmentsPage';

/**
 * The Environments page, mounted at `/environments` (with a trailing `/*`): the environments
 * with their freezes and break-glass sessions, and the break-glass report.
 */
export function EnvironmentsRoutes() {
  return (
    <ReadableTextTheme>
      <Routes>
        <Route index element={<EnvironmentsPage />} />
        <Route path="break-glass" element={<BreakGlassReportPage />} />
      </Routes>
    </ReadableTextTheme>
  );
}
