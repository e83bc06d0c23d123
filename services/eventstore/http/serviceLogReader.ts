import { z } from 'zod';
import type { EventMetadata, LogReader, RecordedEvent } from '../port.js';

/** `GET /v1/events` answers at most this many events a page (its `limit` maximum). */
const PAGE_MAX = 1_000;
/** A page that has not arrived in this long means a service that hangs: fail, the rebuild resumes next run. */
const PAGE_TIMEOUT_MS = 60_000;

/** One event of `GET /v1/events`, as the integrator envelope carries it (`services/envelope.ts`). */
const Envelope = z.object({
  position: z.string().regex(/^[1-9][0-9]*$/),
  streamId: z.string(),
  revision: z.number().int().nonnegative(),
  eventId: z.string(),
  type: z.string(),
  schemaVersion: z.number().int().positive(),
  recordedAt: z.string(),
  data: z.unknown(),
  metadata: z.record(z.string(), z.unknown()),
});
const EventsPage = z.object({
  events: z.array(Envelope),
  next: z.string().nullable(),
  head: z.string().regex(/^[0-9]+$/),
});

/** The service refused, failed or answered something that is not its log. */
export class ServiceLogError extends Error {
  override readonly name = 'ServiceLogError';
}

const recordedOf = (e: z.infer<typeof Envelope>): RecordedEvent => ({
  position: BigInt(e.position),
  streamId: e.streamId,
  revision: BigInt(e.revision),
  eventId: e.eventId,
  type: e.type,
  schemaVersion: e.schemaVersion,
  recordedAt: e.recordedAt,
  data: e.data,
  metadata: e.metadata as unknown as EventMetadata,
});

/**
 * The log of a running sijill, read through its REST API (`GET /v1/events`, the feed
 * integrators page through): a {@link LogReader} for `npm run rebuild -- --from <url>`, so a
 * rebuild runs beside a service that holds its SQLite ledger exclusively (issue 14,
 * blue/green). Read-only; positions are the service's own (opaque, never computed with).
 *
 * @param base - The service's base URL, e.g. `http://127.0.0.1:3000`.
 * @param token - A bearer token of a reader (or better) when the service has `SIJILL_TOKENS`.
 * @throws ServiceLogError (from each read) when the service is unreachable or gives no page
 *   within 60 s, refuses the token (401/403), answers another status, or answers a page that
 *   is not its log's shape.
 */
export const serviceLogReader = (base: string, token?: string): LogReader => {
  const root = base.replace(/\/+$/, '');
  const page = async (query: Record<string, string>) => {
    const url = `${root}/v1/events?${new URLSearchParams(query)}`;
    let response: Response;
    try {
      response = await fetch(url, {
        headers: token ? { authorization: `Bearer ${token}` } : {},
        signal: AbortSignal.timeout(PAGE_TIMEOUT_MS),
      });
    } catch (error) {
      const cause = (error as Error).cause;
      throw new ServiceLogError(`${root} did not answer: ${cause instanceof Error ? cause.message : (error as Error).message}`, {
        cause: error,
      });
    }
    const text = await response.text();
    if (response.status === 401 || response.status === 403) {
      throw new ServiceLogError(
        `${root} refused to show its log (${response.status}): set SIJILL_TOKEN to a reader's token of that service`,
      );
    }
    if (response.status !== 200) throw new ServiceLogError(`GET ${url} answered ${response.status}: ${text.slice(0, 500)}`);
    let parsed: z.infer<typeof EventsPage>;
    try {
      parsed = EventsPage.parse(JSON.parse(text));
    } catch (error) {
      throw new ServiceLogError(`GET ${url} did not answer a page of the log: ${(error as Error).message.slice(0, 500)}`);
    }
    return { events: parsed.events.map(recordedOf), head: BigInt(parsed.head) };
  };
  const readAll: LogReader['readAll'] = async (options = {}) => {
    const wanted = options.maxCount ?? Number.POSITIVE_INFINITY;
    const out: RecordedEvent[] = [];
    let after = options.after;
    while (out.length < wanted) {
      const limit = Math.min(PAGE_MAX, wanted - out.length);
      const { events } = await page({ limit: String(limit), ...(after !== undefined ? { after: String(after) } : {}) });
      out.push(...events);
      if (events.length < limit) break;
      after = events.at(-1)!.position;
    }
    return out;
  };
  const headPosition = async () => (await page({ limit: '1', direction: 'backwards' })).head;
  return {
    readAll,
    headPosition,
    async readEventAt(position) {
      // The service refuses positions beyond its head (400 position_beyond_head).
      if (position <= 0n || position > (await headPosition())) return undefined;
      // No arithmetic on positions: the event before `position`, then the first after that one.
      const [before] = (await page({ after: String(position), direction: 'backwards', limit: '1' })).events;
      const [at] = await readAll({ ...(before ? { after: before.position } : {}), maxCount: 1 });
      return at?.position === position ? at : undefined;
    },
    async close() {},
  };
};
