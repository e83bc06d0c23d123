import type { RecordClaim } from '../../domain/claims/commands.js';
import { deciders } from '../../domain/deciders.js';
import { streamIdOf } from '../../domain/ids.js';
import { claimIdFor } from './claimIds.js';
import type { WriteContext } from './writeContext.js';
import type { StreamWrite, WriteResult } from './writeResult.js';
import type { WriteSide } from './writeSide.js';
import { writeToStream } from './writeToStream.js';

/**
 * Record a claim an article makes, on `claim-{id}`; the id is the client's, else (a dataset
 * row) the one its external id fixes, else derived from the Idempotency-Key, else random (`claimIdFor`). The article, place and actors must exist
 * (`unknown_reference`); the same id with different content is `already_exists`.
 */
export const recordClaim = (side: WriteSide, write: WriteContext, claim: RecordClaim): Promise<WriteResult<StreamWrite>> => {
  const id = claimIdFor(claim, write, 0);
  return writeToStream(side, write, deciders.claim, streamIdOf('claim', id), { type: 'RecordClaim', data: { ...claim, id } });
};
