import { ReactNode, useState } from 'react';
import { Table, TableColumn } from '@backstage/core-components';

/** Page state for a list the server pages: zero-based, as the table counts; the API counts from one. */
export function usePaging(initialPageSize = 20) {
  const [page, setPage] = useState(0);
  const [pageSize, setPageSize] = useState(initialPageSize);
  return {
    page,
    pageSize,
    /** Back to the first page, as after a filter change. */
    reset: () => setPage(0),
    onPageChange: (nextPage: number, nextPageSize: number) => {
      setPage(nextPageSize === pageSize ? nextPage : 0);
      setPageSize(nextPageSize);
    },
  };
}

export interface PagedTableProps<T extends object> {
  title?: string;
  columns: TableColumn<T>[];
  items?: T[];
  total?: number;
  loading: boolean;
  paging: ReturnType<typeof usePaging>;
  emptyContent: ReactNode;
  pageSizeOptions?: number[];
}

/** A Backstage table over one page of a server-paged list: no client sorting or search. */
export function PagedTable<T extends object>({
  title,
  columns,
  items,
  total,
  loading,
  paging,
  emptyContent,
  pageSizeOptions = [10, 20, 50, 100],
}: PagedTableProps<T>) {
  return (
    <Table<T>
      title={title}
      columns={columns}
      data={items ?? []}
      isLoading={loading}
      page={paging.page}
      totalCount={total ?? 0}
      onPageChange={paging.onPageChange}
      options={{
        paging: true,
        pageSize: paging.pageSize,
        pageSizeOptions,
        search: false,
        sorting: false,
        padding: 'dense',
        toolbar: Boolean(title),
        emptyRowsWhenPaging: false,
      }}
      emptyContent={emptyContent}
    />
  );
}
