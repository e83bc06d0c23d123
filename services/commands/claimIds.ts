import { randomUUID } from 'node:crypto';
import type { RecordClaim } from '../../domain/claims/commands.js';
import { datasetClaimId } from '../../domain/claims/datasetClaimId.js';
import { eventIdFromKey } from '../../domain/eventIds.js';
import type { WriteContext } from './writeContext.js';

/**
 * The id of the `index`-th claim a write records: the client's when given; else, for a
 * dataset row, the id its external id fixes (`datasetClaimId`, issue 11: one claim per
 * external id, so the same row recorded twice meets the claim it made); else derived from the
 * Idempotency-Key (so a retry, or its twin on another replica, names the same claim and
 * appends nothing new); else a random UUID. A given id that is not the fixed one is refused
 * by the decider (`invalid_command`, field `id`).
 */
export const claimIdFor = (
  claim: Pick<RecordClaim, 'id' | 'provenance'>,
  write: Pick<WriteContext, 'principal' | 'idempotency'>,
  index: number,
): string =>
  claim.id ??
  (claim.provenance?.kind === 'dataset' ? datasetClaimId(claim.provenance.dataset, claim.provenance.externalId) : undefined) ??
  (write.idempotency ? eventIdFromKey(['claim-id', write.principal, write.idempotency.key, String(index)]) : randomUUID());
