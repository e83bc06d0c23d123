import { randomUUID } from 'node:crypto';
import { eventIdFromKey } from '../../domain/eventIds.js';
import type { WriteContext } from './writeContext.js';

/**
 * The id of the `index`-th claim a write records: the client's when given, else derived
 * from the Idempotency-Key (so a retry, or its twin on another replica, names the same
 * claim and appends nothing new), else a random UUID.
 */
export const claimIdFor = (
  given: string | undefined,
  write: Pick<WriteContext, 'principal' | 'idempotency'>,
  index: number,
): string =>
  given ??
  (write.idempotency ? eventIdFromKey(['claim-id', write.principal, write.idempotency.key, String(index)]) : randomUUID());
