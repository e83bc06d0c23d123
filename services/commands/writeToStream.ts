import type { Decider } from '../../domain/decider.js';
import { eventIdsOf } from './eventIds.js';
import { execute } from './execute.js';
import { idempotentWrite } from './idempotentWrite.js';
import { metadataOf, type WriteContext } from './writeContext.js';
import type { StreamWrite, WriteResult } from './writeResult.js';
import type { WriteSide } from './writeSide.js';

/**
 * The whole of a write to one stream: the idempotency pipeline (`idempotentWrite`) around one
 * decision (`execute`: If-Match, decide, append at the revision decided on, retry on a
 * conflict). A replay answers with the stream the first attempt wrote.
 */
export const writeToStream = <Command, State>(
  side: WriteSide,
  write: WriteContext,
  decider: Decider<Command, State>,
  streamId: string,
  command: Command,
): Promise<WriteResult<StreamWrite>> =>
  idempotentWrite(
    side,
    write,
    async () => {
      const outcome = await execute(side.store, decider, streamId, command, {
        ...(write.ifMatch !== undefined ? { ifMatch: write.ifMatch } : {}),
        metadata: metadataOf(write),
        eventId: eventIdsOf(write, 0),
      });
      const { revision, position } = outcome;
      return { value: { streamId, revision, position }, created: outcome.appended, revision };
    },
    (writes) => writes[0],
  );
