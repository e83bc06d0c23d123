import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import type { Cutoff } from '../../../projections/control/knowledge.js';
import type { AppDeps } from '../../deps.js';
import { readAt } from '../reads.js';
import { PositionText } from '../schemas.js';

/** The knowledge cutoff K, as query parameters. */
export const KnowledgeQuery = {
  knownAt: z.iso
    .datetime({ offset: true })
    .optional()
    .describe('Knowledge cutoff as an instant: answer with what the ledger had recorded at that moment.'),
  asOf: PositionText.optional().describe('Knowledge cutoff as a log position: answer with the events up to and including it.'),
  minPosition: PositionText.optional().describe('Wait (briefly) until the read models reflect at least this log position.'),
};

/**
 * Wait for the read models (to `minPosition`, and to `asOf` — an answer "as of p" must
 * include p), stamp `X-Ledger-Position`, and return the cutoff with the position the answer
 * reflects.
 */
export const cutoffOf = async (
  deps: AppDeps,
  reply: FastifyReply,
  query: { knownAt?: string | undefined; asOf?: string | undefined; minPosition?: string | undefined },
): Promise<{ cutoff: Cutoff; asOf: string; knownAt: string | null }> => {
  const wanted = [query.minPosition, query.asOf].filter((p): p is string => p !== undefined).map(BigInt);
  const highest = wanted
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .at(-1)
    ?.toString();
  await readAt(deps, reply, highest);
  const position = query.asOf !== undefined ? BigInt(query.asOf) : undefined;
  // Canonical UTC text, the form recordedAt is written in, so comparisons need no parsing.
  const instant = query.knownAt !== undefined ? new Date(query.knownAt).toISOString() : undefined;
  const cutoff: Cutoff = { ...(position !== undefined ? { position } : {}), ...(instant !== undefined ? { instant } : {}) };
  return { cutoff, asOf: (position ?? deps.follower.position).toString(), knownAt: instant ?? null };
};
