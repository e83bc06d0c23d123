import type { RecordClaim } from '../../domain/claims/commands.js';
import type { DatasetProvenance } from '../../domain/claims/provenance.js';
import type { ClaimState } from '../../domain/claims/state.js';
import { DATASET_LABELS, releaseChanges, releaseReason } from '../../domain/datasets/releaseDiff.js';
import { isOlderRelease } from '../../domain/datasets/releaseOrder.js';
import { existingInEither } from '../../domain/decider.js';
import { deciders } from '../../domain/deciders.js';
import { DomainError } from '../../domain/errors.js';
import type { ClaimBody } from '../../domain/events.js';
import { load } from '../commands/execute.js';
import type { StreamCommand } from '../commands/executeMany.js';
import type { RowOutcome } from './report.js';

/** Where a row's decision is told: set each time the batch is decided (a retry decides again). */
export interface OutcomeCell {
  value?: RowOutcome;
  /** Why, when the outcome needs saying (`outdated`: which release the claim reads from). */
  reason?: string;
}

/**
 * Whether a row of `provenance`'s release comes from a release older than the one the claim
 * reads from: then it never changes the claim (issue 11, DESIGN "Datasets and their
 * releases"), and the cell says `outdated`, naming both releases. The same release, or a
 * newer one, goes on to be decided.
 */
const outdated = (state: ClaimState, provenance: DatasetProvenance, outcome: OutcomeCell): boolean => {
  const readsFrom = state?.readsFrom;
  if (!readsFrom || readsFrom.dataset !== provenance.dataset) return false;
  if (!isOlderRelease(provenance.release, readsFrom.release)) return false;
  outcome.value = 'outdated';
  outcome.reason = `${DATASET_LABELS[provenance.dataset]} ${provenance.release} is older than ${readsFrom.release}, which the claim reads from`;
  return true;
};

const withCreated = (existing: ReadonlySet<string>, createdEarlier: ReadonlySet<string>) => ({
  existing: existingInEither(existing, createdEarlier),
});

/**
 * A dataset row's claim on its stream, decided on the stream's state (issue 11 §4, DESIGN
 * "Datasets and their releases"): no claim yet → `RecordClaim` (`recorded`); the claim says
 * what the row says → nothing (`unchanged`, retracted or not: a deleted row still in a file
 * asks nothing new); it says something else → `CorrectClaim` with the changed fields, the
 * release named in the reason and in the provenance (`corrected`). A row of a release older
 * than the one the claim reads from changes nothing (`outdated`), whatever it says. A change to a retracted
 * claim, or one that changes the claim's kind, is refused (`DomainError`): neither can be corrected.
 */
export const recordOrCorrect = (
  streamId: string,
  claim: RecordClaim & { id: string },
  body: ClaimBody,
  outcome: OutcomeCell,
): StreamCommand => ({
  streamId,
  prepare: async (reads) => {
    const record = { type: 'RecordClaim' as const, data: claim };
    const { last, current, state, existing } = await load(reads, deciders.claim, streamId, record);
    return {
      last,
      current,
      decide: (createdEarlier) => {
        delete outcome.reason;
        const context = withCreated(existing, createdEarlier);
        if (!state) {
          outcome.value = 'recorded';
          return deciders.claim.decide(record, state, context);
        }
        const provenance = claim.provenance as DatasetProvenance;
        if (outdated(state, provenance, outcome)) return [];
        if (state.kind !== claim.kind) {
          throw new DomainError(
            'invalid_command',
            `the row now maps to ${claim.kind}, the claim is ${state.kind}: a correction cannot change a claim's kind`,
            ['kind'],
          );
        }
        const diff = releaseChanges(provenance.dataset, state.body, body);
        if (!diff) {
          outcome.value = 'unchanged';
          return [];
        }
        if (state.retracted) {
          throw new DomainError('claim_retracted', `claim ${claim.id} was retracted; ${provenance.release} cannot correct it`, [
            'id',
          ]);
        }
        outcome.value = 'corrected';
        return deciders.claim.decide(
          {
            type: 'CorrectClaim',
            data: {
              id: claim.id,
              changes: diff.changes,
              reason: releaseReason(provenance.dataset, provenance.release, diff.described),
              provenance,
            },
          },
          state,
          context,
        );
      },
    };
  },
});

/**
 * A row of a release's deletions list: the claim retracted with the release as provenance
 * (`retracted`); one retracted already → nothing (`unchanged`, so importing the list again
 * appends nothing); a list of a release older than the one the claim reads from → nothing
 * (`outdated`); no such claim → `not_found`.
 */
export const retractDeleted = (
  streamId: string,
  claimId: string,
  provenance: DatasetProvenance,
  reason: string,
  outcome: OutcomeCell,
): StreamCommand => ({
  streamId,
  prepare: async (reads) => {
    const command = { type: 'RetractClaim' as const, data: { id: claimId, reason, provenance } };
    const { last, current, state, existing } = await load(reads, deciders.claim, streamId, command);
    return {
      last,
      current,
      decide: (createdEarlier) => {
        delete outcome.reason;
        if (outdated(state, provenance, outcome)) return [];
        if (state?.retracted) {
          outcome.value = 'unchanged';
          return [];
        }
        outcome.value = 'retracted';
        return deciders.claim.decide(command, state, withCreated(existing, createdEarlier));
      },
    };
  },
});
