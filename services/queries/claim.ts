import { decodeEvent } from '../../domain/events.js';
import { streamIdOf } from '../../domain/ids.js';
import { type ClaimHistory, claimHistory } from '../../projections/claimHistory.js';
import { type Cutoff, EVERYTHING, isKnownAt } from '../../projections/control/knowledge.js';
import type { Envelope } from '../../projections/envelope.js';
import { ApplicationError } from '../applicationError.js';
import { StreamNotFoundError } from '../eventstore/errors.js';
import type { ReadSide } from './readSide.js';

/** One claim as its stream holds it now. */
export interface ClaimAsRecorded {
  readonly streamId: string;
  /** The stream's revision: the claim's entity tag. */
  readonly revision: bigint;
  readonly history: ClaimHistory;
}

/**
 * A claim with its whole history, read from its own stream (not the read models), so it
 * always includes the latest write — or, with a knowledge cutoff, the history as known at it
 * (DESIGN "Datasets": what release A said after release B arrived). An unknown claim, or one
 * not yet recorded at the cutoff, is `not_found`.
 */
export const claimAsRecorded = async (
  read: Pick<ReadSide, 'store'>,
  claimId: string,
  cutoff: Cutoff = EVERYTHING,
): Promise<ClaimAsRecorded> => {
  const streamId = streamIdOf('claim', claimId);
  const notFound = () => new ApplicationError('not_found', `no claim ${claimId}`);
  const recorded = await read.store.readStream(streamId).catch((error: unknown) => {
    throw error instanceof StreamNotFoundError ? notFound() : error;
  });
  // As known at the cutoff: the stream's prefix recorded by then (a dataset release's correction after it is not there).
  const known = cutoff === EVERYTHING ? recorded : recorded.filter((e) => isKnownAt(e, cutoff));
  const envelopes: Envelope[] = known.flatMap((e) => {
    const decoded = decodeEvent(e.type, e.schemaVersion, e.data);
    return decoded.ok ? [{ ...e, principal: e.metadata.principal, event: decoded.event }] : [];
  });
  const history = claimHistory(envelopes);
  if (!history) throw notFound();
  return { streamId, revision: known.at(-1)!.revision, history };
};
