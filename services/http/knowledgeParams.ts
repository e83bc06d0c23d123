import { z } from 'zod';
import type { KnowledgeParams } from '../queries/knowledge.js';
import { queryPosition } from '../queries/positions.js';
import { MIN_POSITION_RULE } from './reads.js';
import { PositionText } from './schemas.js';

/** The knowledge cutoff K, as query parameters (DESIGN "Territorial control"). */
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

/** The parsed query's knowledge parameters, for `resolveKnowledge`; `knownAt` in canonical UTC. */
export const knowledgeParamsOf = (query: {
  asOf?: string | undefined;
  knownAt?: string | undefined;
  minPosition?: string | undefined;
}): KnowledgeParams => ({
  ...(query.asOf !== undefined ? { asOf: queryPosition('asOf', query.asOf) } : {}),
  // Canonical UTC text, the form recordedAt is written in, so comparisons need no parsing.
  ...(query.knownAt !== undefined ? { knownAt: new Date(query.knownAt).toISOString() } : {}),
  ...(query.minPosition !== undefined ? { minPosition: queryPosition('minPosition', query.minPosition) } : {}),
});
