import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import type { AppDeps } from '../deps.js';
import { readYourWrites } from '../queries/knowledge.js';
import { queryPosition } from '../queries/positions.js';
import { PositionText } from './schemas.js';

/** The `minPosition` rule, stated once for every read that accepts it. */
export const MIN_POSITION_RULE =
  'Read-your-writes: pass the `position` a write answered. A position the ledger has given out but the read models ' +
  'do not reflect yet is waited for, up to 5 s (SIJILL_MIN_POSITION_WAIT_MS), then `503` with `Retry-After`: retrying ' +
  'is right, the models are catching up. A position beyond the head of the log (one no write has answered yet) is ' +
  'refused at once with `400 position_beyond_head` naming the head: waiting could not help, and retrying never ' +
  'would.';

/** Query parameters every read accepts. */
export const ReadQuery = {
  minPosition: PositionText.optional().describe(MIN_POSITION_RULE),
};

export const ListQuery = z.strictObject({
  q: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .optional()
    .describe('Name search by whole words, in Arabic or Latin script, any spelling; best match first (see the operation).'),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  offset: z.coerce
    .number()
    .int()
    .min(0)
    .default(0)
    .describe(
      'Lists are in registration order and entries are never removed; a registration between two pages is appended at ' +
        'the end, so following `next` neither repeats nor skips an entry. (With `q`, best match first: a registration ' +
        'or a rename between pages can move an entry within, into or out of the matches: page again from offset 0 ' +
        'to be sure.)',
    ),
  ...ReadQuery,
});

/** `X-Ledger-Position`: the log position the answer reflects. */
export const stampPosition = (reply: FastifyReply, position: bigint): void => {
  void reply.header('x-ledger-position', position.toString());
};

/**
 * `minPosition` by {@link MIN_POSITION_RULE} (refused beyond the head, else waited for), then
 * `X-Ledger-Position` stamped with what the read models reflect.
 */
export const readAt = async (deps: AppDeps, reply: FastifyReply, minPosition: string | undefined): Promise<void> => {
  stampPosition(reply, await readYourWrites(deps, queryPosition('minPosition', minPosition)));
};

export const page = <T>(items: readonly T[], limit: number, offset: number) => ({
  items: items.slice(offset, offset + limit),
  total: items.length,
  next: offset + limit < items.length ? offset + limit : null,
});

export const Page = <T extends z.ZodType>(item: T) =>
  z.object({
    items: z.array(item),
    total: z.number().int(),
    next: z.number().int().nullable().describe('The offset of the next page, or null on the last page.'),
  });
