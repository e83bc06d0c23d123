import { combinedRetry } from '../appendChecks.js';
import { EventStoreError, StoreUnavailableError } from '../errors.js';
import type { AppendResult, ExpectedRevision, StreamAppend } from '../port.js';
import { type AppendContext, importStamp } from './appendToStream.js';
import { toMultiStreamEventData } from './eventMapping.js';
import { convertToCommandError, ErrorType } from './kurrentClient.js';
import { resolveRetry } from './retriedAppend.js';
import { toStreamState } from './revisions.js';
import { clientErrorType, translateClientError } from './translateClientError.js';

/** gRPC's status for a method the server does not have (a server before the v2 streams service). */
const GRPC_UNIMPLEMENTED = 12;

/** The server cannot append to several streams at once: the client says so, or the server has no such method. */
const isUnsupported = (error: unknown): boolean =>
  clientErrorType(error) === ErrorType.UNSUPPORTED || (error as { code?: unknown } | null)?.code === GRPC_UNIMPLEMENTED;

const expectedOf = (append: StreamAppend): ExpectedRevision => append.expectedRevision ?? 'any';

/**
 * `appendMulti` on KurrentDB: one `multiStreamAppend` call (KurrentDB 25.1 and later), which
 * the server commits atomically — every stream's expected state is checked and all events
 * are written, or nothing is. The caller has checked the port's preconditions.
 * - Idempotency as in `appendToStream`: with exact revisions or `no_stream` a retry shows up
 *   as a conflict, and only then are the streams read to recognise it (all of them a retry:
 *   the original results; some: `DuplicateEventIdError`); with `any` or `stream_exists` on any
 *   stream they are read first.
 * - A conflict names the stream the server reports (`WrongExpectedRevisionError`).
 * - A server without multi-stream appends is refused with `StoreUnavailableError` naming the
 *   version needed. Nothing is ever written stream by stream instead: a partial batch would
 *   be worse than none.
 * - Metadata goes as string values, wrapped (see `eventMapping.ts`); each result's position
 *   is read back from its stream, as for single appends.
 */
export const appendToStreams = async (context: AppendContext, appends: readonly StreamAppend[]): Promise<AppendResult[]> => {
  const requests = appends.map((append) => ({ append, expectedState: toStreamState(expectedOf(append)) }));
  const retried = async () =>
    combinedRetry(
      appends,
      await Promise.all(
        appends.map(async ({ streamId, events }) => resolveRetry(streamId, events, await context.eventsOf(streamId))),
      ),
    );
  if (appends.some((append) => expectedOf(append) === 'any' || expectedOf(append) === 'stream_exists')) {
    const retry = await retried();
    if (retry) return retry;
  }
  const recordedAt = await importStamp(context, appends[0]?.events ?? []);
  let revisions: Map<string, bigint>;
  try {
    const result = await context.client.multiStreamAppend(
      requests.map(({ append, expectedState }) => ({
        streamName: append.streamId,
        events: append.events.map((event) => toMultiStreamEventData(event, recordedAt)),
        expectedState,
      })),
    );
    revisions = new Map(result.responses.map((response) => [response.streamName, response.revision]));
  } catch (error) {
    if (isUnsupported(error)) {
      throw new StoreUnavailableError(
        'this KurrentDB server cannot append to several streams atomically (multiStreamAppend needs KurrentDB 25.1 or ' +
          'later); nothing was written — upgrade the server to record batches',
        { cause: error },
      );
    }
    if (clientErrorType(error) === ErrorType.WRONG_EXPECTED_VERSION) {
      const retry = await retried();
      if (retry) return retry;
      const streamId = (convertToCommandError(error as Error) as { streamName?: string }).streamName;
      const append = appends.find((candidate) => candidate.streamId === streamId);
      throw translateClientError(error, append ? { streamId: append.streamId, expected: expectedOf(append) } : {});
    }
    throw translateClientError(error);
  }
  return Promise.all(
    appends.map(async ({ streamId }) => {
      const revision = revisions.get(streamId);
      if (revision === undefined)
        throw new EventStoreError(`KurrentDB appended to several streams but did not report ${streamId}`);
      const last = await context.eventAt(streamId, revision);
      if (!last) throw translateClientError(new Error(`appended to ${streamId}, but revision ${revision} cannot be read back`));
      return { nextExpectedRevision: revision, position: last.position };
    }),
  );
};
