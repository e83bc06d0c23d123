import { datasetClaimId } from '../../domain/claims/datasetClaimId.js';
import type { DatasetName } from '../../domain/vocabulary.js';
import { ApplicationError } from '../applicationError.js';
import { type ClaimAsRecorded, claimAsRecorded } from './claim.js';
import type { ReadSide } from './readSide.js';

/**
 * The claim a dataset row made (issue 11), found by the dataset's own event id: its id is
 * fixed (`datasetClaimId`), so this is one stream read. `not_found` when the dataset never
 * brought that row — including a claim that merely has that id but was not recorded from
 * this dataset row.
 */
export const claimByExternalId = async (
  read: Pick<ReadSide, 'store'>,
  dataset: DatasetName,
  externalId: string,
): Promise<ClaimAsRecorded> => {
  const notFound = new ApplicationError('not_found', `no claim of ${dataset} event ${externalId}`);
  const id = datasetClaimId(dataset, externalId);
  const found = await claimAsRecorded(read, id).catch((error: unknown) => {
    throw error instanceof ApplicationError && error.code === 'not_found' ? notFound : error;
  });
  const provenance = found.history.provenance;
  if (provenance?.kind !== 'dataset' || provenance.dataset !== dataset || datasetClaimId(dataset, provenance.externalId) !== id) {
    throw notFound;
  }
  return found;
};
