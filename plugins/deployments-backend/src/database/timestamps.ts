/**
 * Timestamps are written as ISO 8601 UTC strings so that SQLite stores sortable text and
 * PostgreSQL parses them into timestamptz; both read back through `toIsoString`.
 */
export function toIsoString(value: Date | string | number): string;
export function toIsoString(value: Date | string | number | null | undefined): string | null;
export function toIsoString(value: Date | string | number | null | undefined) {
  if (value === null || value === undefined) return null;
  return new Date(value).toISOString();
}
