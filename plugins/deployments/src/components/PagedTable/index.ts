export { PagedTable, usePaging } from './PagedTable';
export type { PagedTableProps } from './PagedTable';
