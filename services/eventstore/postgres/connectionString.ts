/**
 * Whether `SIJILL_STORE` names a PostgreSQL database (`postgres://…` or `postgresql://…`,
 * libpq's URI form) rather than a ledger file or a KurrentDB cluster. Decided without
 * loading the driver: the configuration is read before anything connects.
 */
export const isPostgresConnectionString = (value: string): boolean => /^postgres(ql)?:\/\//i.test(value.trim());

/** What is wrong with a PostgreSQL connection string, or undefined when it is one `pg` can use. */
export const postgresConnectionStringProblem = (value: string): string | undefined => {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    return 'not a URL (postgres://user:password@host:port/database)';
  }
  if (!url.hostname && !url.searchParams.get('host')) return 'no host (postgres://user:password@host:port/database)';
  if (url.port && (Number(url.port) < 1 || Number(url.port) > 65535)) return `port out of range: ${url.port}`;
  return undefined;
};
