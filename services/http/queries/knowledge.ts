import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import type { Cutoff } from '../../../projections/control/knowledge.js';
import type { AppDeps } from '../../deps.js';
import { queryPosition, requireIssued } from '../../queries/positions.js';
import { catchUp, MIN_POSITION_RULE } from '../reads.js';
import { PositionText } from '../schemas.js';

/** The knowledge cutoff K, as query parameters. */
export const KnowledgeQuery = {
  knownAt: z.iso
    .datetime({ offset: true })
    .optional()
    .describe('Knowledge cutoff as an instant: answer with what the ledger had recorded at that moment.'),
  asOf: PositionText.optional().describe(
    'Knowledge cutoff as a log position: answer with the events up to and including it. It must be a position the ' +
      'ledger has given out (at most the head of the log); beyond the head it is refused with `400 ' +
      'position_beyond_head` naming the head, since the answer "as of" a position not yet written would change later. ' +
      'The answer waits, as for `minPosition`, until the read models reflect it.',
  ),
  minPosition: PositionText.optional().describe(MIN_POSITION_RULE),
};

/**
 * Refuse `asOf` and `minPosition` beyond the head of the log (400 `position_beyond_head`),
 * wait for the read models to reach both (an answer "as of p" must include p), stamp
 * `X-Ledger-Position`, and return the cutoff with the position the answer reflects.
 */
export const cutoffOf = async (
  deps: AppDeps,
  reply: FastifyReply,
  query: { knownAt?: string | undefined; asOf?: string | undefined; minPosition?: string | undefined },
): Promise<{ cutoff: Cutoff; asOf: string; knownAt: string | null }> => {
  const asOf = queryPosition('asOf', query.asOf);
  const minPosition = queryPosition('minPosition', query.minPosition);
  await requireIssued(deps.store, [asOf, minPosition], deps.follower.position);
  const wanted = [asOf.position, minPosition.position].filter((p): p is bigint => p !== undefined);
  await catchUp(deps, reply, wanted.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)).at(-1));
  const position = asOf.position;
  // Canonical UTC text, the form recordedAt is written in, so comparisons need no parsing.
  const instant = query.knownAt !== undefined ? new Date(query.knownAt).toISOString() : undefined;
  const cutoff: Cutoff = { ...(position !== undefined ? { position } : {}), ...(instant !== undefined ? { instant } : {}) };
  return { cutoff, asOf: (position ?? deps.follower.position).toString(), knownAt: instant ?? null };
};
