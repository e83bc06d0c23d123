import { z } from 'zod';
import { MAX_ID_LENGTH, MAX_STREAM_ID_LENGTH } from '../../domain/ids.js';
import { isPositionText, MAX_POSITION, POSITION_DIGITS } from '../queries/positions.js';

/**
 * Shared HTTP schemas: positions travel as decimal strings (64-bit values do not fit a JSON
 * number). Every position a request carries — query parameter, header, body field, path
 * segment, cursor — is checked here, so a number beyond {@link MAX_POSITION} is a 400/422
 * `validation_failed` naming the field, never a 500 from the store.
 */
export const PositionText = z
  .string()
  // `abort`: text that is no number gets one error, not a second about its size too.
  .regex(POSITION_DIGITS, { message: 'must be a decimal log position', abort: true })
  .refine(isPositionText, { message: `must be at most ${MAX_POSITION} (a signed 64-bit position)` });

export const WriteResponse = z
  .object({
    id: z.string(),
    streamId: z.string(),
    revision: z.number().int().describe('The stream revision after the write (use it in If-Match).'),
    position: PositionText.describe('The log position of the write.'),
  })
  .meta({ id: 'WriteResponse' });
export type WriteResponse = z.infer<typeof WriteResponse>;

export const IdParams = z.strictObject({ id: z.string().min(1).max(MAX_ID_LENGTH) });

/**
 * A stream id in a path: any stream the store holds, which may be longer than sijill's own
 * (at most `MAX_STREAM_ID_LENGTH`) when other tools write to the same KurrentDB.
 */
export const STREAM_ID_PARAM_MAX = 200;

/**
 * The longest path parameter any route accepts. The router refuses longer ones before
 * routing (414), so it must let through every id the API accepts: fastify's default of 100
 * would make a 110-character claim id, accepted on create, unreadable.
 */
export const MAX_PATH_PARAM_LENGTH = Math.max(MAX_ID_LENGTH, MAX_STREAM_ID_LENGTH, STREAM_ID_PARAM_MAX);

export const Envelope = z
  .object({
    position: PositionText,
    streamId: z.string(),
    revision: z.number().int(),
    eventId: z.string(),
    type: z.string(),
    schemaVersion: z.number().int(),
    recordedAt: z.string(),
    data: z.unknown(),
    metadata: z.record(z.string(), z.unknown()),
  })
  .meta({ id: 'EventEnvelope' });

/** A comma-separated list in a query string (`type=ClaimRecorded,ClaimRetracted`), blanks dropped. */
export const CommaList = z
  .string()
  .max(2000)
  .transform((s) =>
    s
      .split(',')
      .map((x) => x.trim())
      .filter(Boolean),
  );

/** The log filter every integrator route accepts. */
export const LogFilterQuery = {
  category: CommaList.optional().describe('Comma-separated stream categories: source, place, actor, article, claim.'),
  type: CommaList.optional().describe('Comma-separated event types, e.g. ClaimRecorded,ClaimRetracted.'),
};

/** The port's filter from the query's lists (an absent or empty list does not filter). */
export const logFilterOf = (q: { category?: string[] | undefined; type?: string[] | undefined }) => ({
  ...(q.category?.length ? { categories: q.category } : {}),
  ...(q.type?.length ? { types: q.type } : {}),
});
