import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import type { AppDeps } from '../deps.js';
import { HttpProblem } from './problem.js';
import { PositionText } from './schemas.js';

/** Query parameters every read accepts. */
export const ReadQuery = {
  minPosition: PositionText.optional().describe('Wait (briefly) until the read models reflect at least this log position.'),
};

export const ListQuery = z.strictObject({
  q: z.string().trim().min(1).max(200).optional().describe('Name search: Arabic or Latin script, any spelling variant.'),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  offset: z.coerce.number().int().min(0).default(0),
  ...ReadQuery,
});

/**
 * Wait for the read models to reach `minPosition` (read-your-writes), then stamp the
 * response with the position they reflect. 503 + Retry-After when they do not catch up.
 */
export const readAt = async (deps: AppDeps, reply: FastifyReply, minPosition: string | undefined): Promise<void> => {
  if (minPosition !== undefined) {
    const reached = await deps.follower.waitFor(BigInt(minPosition), deps.config.minPositionWaitMs);
    if (!reached) {
      void reply.header('retry-after', '1');
      throw new HttpProblem(
        503,
        'not_caught_up',
        'Read models behind',
        `the read models reflect position ${deps.follower.position}, not yet ${minPosition}; retry shortly`,
      );
    }
  }
  void reply.header('x-ledger-position', deps.follower.position.toString());
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
