import { Page } from '../deployments/deployments';

/** A query object as a URL's search part: empty values are left out. */
export function toSearch(query: object | undefined): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== '')
      params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** A list response as a page: the items are the body, the paging is in GitLab's headers. */
export async function pageOf<T>(response: Response): Promise<Page<T>> {
  const number = (name: string) => {
    const value = response.headers.get(name);
    return value ? Number(value) : null;
  };
  return {
    items: await response.json(),
    total: number('X-Total') ?? 0,
    page: number('X-Page') ?? 1,
    perPage: number('X-Per-Page') ?? 20,
    nextPage: number('X-Next-Page'),
  };
}
