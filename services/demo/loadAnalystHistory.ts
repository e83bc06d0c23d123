import { randomUUID } from 'node:crypto';
import type { ClaimCommand } from '../../domain/claims/commands.js';
import { deciders } from '../../domain/deciders.js';
import { streamIdOf } from '../../domain/ids.js';
import { eventIdsOf } from '../commands/eventIds.js';
import { execute } from '../commands/execute.js';
import { executeMany, onStream } from '../commands/executeMany.js';
import { metadataOf, type WriteContext } from '../commands/writeContext.js';
import type { EventStore } from '../eventstore/port.js';
import { CORRECTIONS, LATER_CLAIMS, RETRACTIONS } from './analystHistory.js';

/** Who loads the history, as the events record it. */
const DEMO_WRITE: WriteContext = {
  principal: 'demo-loader',
  correlationId: 'demo:analyst-history',
  causationId: 'demo:analyst-history',
};
const metadata = metadataOf(DEMO_WRITE);

/**
 * Load what analysts did after the first pass (`analystHistory.ts`) on top of the worked
 * example, through the same commands: the later claims as one atomic batch, then each
 * correction and retraction as its own append — each a later knowledge time, so `asOf` and
 * `knownAt` between them show the ledger before each fix. Idempotent: claims are natural-keyed,
 * and a follow-up is sent only to a claim stream that has nothing after its recording.
 */
export const loadAnalystHistory = async (store: EventStore): Promise<{ appended: number; unchanged: number }> => {
  const claims = await executeMany(
    store,
    LATER_CLAIMS.map((data) => {
      const id = data.id!;
      return onStream(streamIdOf('claim', id), deciders.claim, { type: 'RecordClaim', data: { ...data, id } });
    }),
    { metadata, eventId: (index, event, i) => eventIdsOf(DEMO_WRITE, index)(event, i) },
  );
  let appended = claims.filter((outcome) => outcome.appended).length;
  const followUps: { claimId: string; command: ClaimCommand }[] = [
    ...CORRECTIONS.map(({ claimId, correction }) => ({
      claimId,
      command: { type: 'CorrectClaim' as const, data: { ...correction, id: claimId } },
    })),
    ...RETRACTIONS.map(({ claimId, retraction }) => ({
      claimId,
      command: { type: 'RetractClaim' as const, data: { ...retraction, id: claimId } },
    })),
  ];
  for (const { claimId, command } of followUps) {
    const streamId = streamIdOf('claim', claimId);
    // Sent once: the claim's stream holds only its recording until then.
    if ((await store.streamRevision(streamId)) !== 0n) continue;
    await execute(store, deciders.claim, streamId, command, { ifMatch: [0n], metadata, eventId: () => randomUUID() });
    appended++;
  }
  return { appended, unchanged: claims.length + followUps.length - appended };
};
