import type { RecordClaim } from '../../domain/claims/commands.js';
import { deciders } from '../../domain/deciders.js';
import type { DomainError } from '../../domain/errors.js';
import { streamIdOf } from '../../domain/ids.js';
import { ApplicationError, type FieldError } from '../applicationError.js';
import { claimIdFor } from './claimIds.js';
import { eventIdsOf } from './eventIds.js';
import { BatchRejected, executeMany, onStream } from './executeMany.js';
import { idempotentWrite } from './idempotentWrite.js';
import { metadataOf, type WriteContext } from './writeContext.js';
import type { StreamWrite, WriteResult } from './writeResult.js';
import type { WriteSide } from './writeSide.js';

/** The most claims one batch may carry. */
export const MAX_BATCH = 1000;

const rejected = (errors: readonly FieldError[]) =>
  new ApplicationError('batch_rejected', `${errors.length} problem(s) in the batch; nothing was written`, errors);

/** Where a refusal points: the claim's id when the id is taken, else the fields the rule names. */
const fieldErrors = (index: number, error: DomainError): FieldError[] => {
  const fields = error.code === 'already_exists' ? ['id'] : error.fields.length ? error.fields : [''];
  return fields.map((f) => ({
    field: `/claims/${index}${f ? `/${f}` : ''}`,
    in: 'body',
    message: `${error.code}: ${error.message}`,
  }));
};

/** Each claim of the batch on its stream (ids given, else derived from the Idempotency-Key, else random). */
const onStreams = (claims: readonly RecordClaim[], write: WriteContext) =>
  claims.map((claim, i) => {
    const id = claimIdFor(claim, write, i);
    return { streamId: streamIdOf('claim', id), command: { type: 'RecordClaim' as const, data: { ...claim, id } } };
  });

/** The same claim id twice in one batch: each repeat named, pointing at the first. */
const repeatedIds = (streamIds: readonly string[]): FieldError[] => {
  const errors: FieldError[] = [];
  const seen = new Map<string, number>();
  streamIds.forEach((streamId, i) => {
    const first = seen.get(streamId);
    if (first !== undefined) errors.push({ field: `/claims/${i}/id`, in: 'body', message: `same claim id as claims/${first}` });
    seen.set(streamId, i);
  });
  return errors;
};

/**
 * Bulk import, atomic: every claim is decided once, then all are appended in one
 * `appendMulti` (`executeMany`) — the whole batch is written or none of it, a crash included.
 * Claims may omit their ids (`claimIdFor`). Refusals, nothing written in each case:
 * - `if_match_not_supported`: If-Match names one stream, and a batch writes many;
 * - `batch_rejected`, naming every bad item (`/claims/{i}/…`): an id given twice, or a claim
 *   a rule refuses (an unknown reference; an id taken by a different claim names `/claims/{i}/id`).
 * When another writer changes one of the claims' streams between decision and append, the
 * whole batch is decided again on the new state: an identical claim then has nothing to do.
 * With an Idempotency-Key a retried batch answers as the first attempt did. `created` is
 * true when any claim was appended.
 */
export const recordClaimBatch = (
  side: WriteSide,
  write: WriteContext,
  claims: readonly RecordClaim[],
): Promise<WriteResult<StreamWrite[]>> =>
  idempotentWrite(
    side,
    write,
    async () => {
      if (write.ifMatch !== undefined) {
        throw new ApplicationError('if_match_not_supported', 'a batch writes many streams; If-Match applies to one');
      }
      const commands = onStreams(claims, write);
      const repeated = repeatedIds(commands.map(({ streamId }) => streamId));
      if (repeated.length) throw rejected(repeated);
      try {
        const outcomes = await executeMany(
          side.store,
          commands.map(({ streamId, command }) => onStream(streamId, deciders.claim, command)),
          { metadata: metadataOf(write), eventId: (index, event, i) => eventIdsOf(write, index)(event, i) },
        );
        const value = outcomes.map(({ streamId, revision, position }) => ({ streamId, revision, position }));
        return { value, created: outcomes.some((o) => o.appended) };
      } catch (error) {
        if (error instanceof BatchRejected)
          throw rejected(error.rejections.flatMap(({ index, error }) => fieldErrors(index, error)));
        throw error;
      }
    },
    (writes) => {
      // The first answer, when the first attempt appended to every claim's stream.
      const byStream = new Map(writes.map((w) => [w.streamId, w]));
      const first = onStreams(claims, write).map(({ streamId }) => byStream.get(streamId));
      return first.every((w) => w !== undefined) ? first : undefined;
    },
  );
