/**
 * Telling a KurrentDB connection string from a file path, without loading the client (the
 * configuration is read before anything connects). The grammar is the client's:
 * `scheme://[user:password@]host[:port][,host[:port]…][/][?key=value[&key=value…]]` with the
 * schemes `kurrentdb`, `kurrent`, `kdb` and the legacy `esdb`, each also as `…+discover`
 * (DNS discovery of a cluster). The client itself parses it again when the store opens.
 */
const SCHEMES = ['kurrentdb', 'kurrent', 'kdb', 'esdb'];
const SCHEME = /^([a-z][a-z0-9+.-]*):\/\//i;
const HOST = /^[^$+!?*'(),;[\]{}|"%~#<>=&/:@\s]+(?::\d{1,5})?$/;
const QUERY_PAIR = /^[^=&?]+=[^&?]+$/;

/** Does this look like a connection string (any `scheme://`) rather than a path? */
export const isKurrentDbConnectionString = (value: string): boolean => SCHEME.test(value.trim());

/** What is wrong with a connection string, or undefined when it is valid. */
export const kurrentDbConnectionStringProblem = (value: string): string | undefined => {
  const text = value.trim().replace(/\/+$/, '');
  const scheme = SCHEME.exec(text)?.[1]?.toLowerCase();
  if (scheme === undefined) return 'not a connection string (scheme://host:port)';
  if (!SCHEMES.includes(scheme.replace(/\+discover$/, ''))) {
    return `unsupported scheme ${scheme}:// (use kurrentdb://, kurrentdb+discover://, or the legacy esdb://)`;
  }
  let rest = text.slice(scheme.length + 3);
  const at = rest.lastIndexOf('@', rest.indexOf('?') === -1 ? rest.length : rest.indexOf('?'));
  if (at !== -1) {
    if (!/^[^:@]+:[^@]+$/.test(rest.slice(0, at))) return 'credentials must be user:password@';
    rest = rest.slice(at + 1);
  }
  const [hostPart = '', query, ...extra] = rest.split('?');
  if (extra.length > 0) return 'more than one ?';
  const hosts = hostPart.replace(/\/$/, '').split(',');
  for (const host of hosts) {
    if (!HOST.test(host)) return `not a host[:port]: "${host}"`;
    const port = Number(host.split(':')[1] ?? '2113');
    if (port < 1 || port > 65535) return `port out of range: ${port}`;
  }
  if (query !== undefined && !query.split('&').every((pair) => QUERY_PAIR.test(pair)))
    return 'the query must be key=value pairs joined by &';
  return undefined;
};
