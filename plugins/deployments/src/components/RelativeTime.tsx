import { DateTime } from 'luxon';

export interface RelativeTimeProps {
  /** An ISO 8601 timestamp. */
  value: string | null | undefined;
  /** What to show when there is no timestamp. */
  fallback?: string;
}

/** "3 hours ago", with the full date and time in the title for whoever hovers it. */
export function RelativeTime({ value, fallback = '—' }: RelativeTimeProps) {
  if (!value) return <>{fallback}</>;
  const time = DateTime.fromISO(value);
  if (!time.isValid) return <>{value}</>;
  return (
    <time
      dateTime={value}
      title={time.toLocaleString(DateTime.DATETIME_FULL_WITH_SECONDS)}
    >
      {time.toRelative()}
    </time>
  );
}
