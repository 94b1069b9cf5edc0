import { Response } from 'express';

/** GitLab's paging headers, readable by the browser across origins. */
export function setPagingHeaders(
  res: Response,
  page: { total: number; page: number; perPage: number; nextPage: number | null },
) {
  res.setHeader('X-Total', String(page.total));
  res.setHeader('X-Page', String(page.page));
  res.setHeader('X-Per-Page', String(page.perPage));
  res.setHeader('X-Next-Page', page.nextPage === null ? '' : String(page.nextPage));
  res.setHeader('Access-Control-Expose-Headers', 'X-Total, X-Page, X-Per-Page, X-Next-Page');
}
