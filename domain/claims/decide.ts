import type { DecideContext } from '../decider.js';
import { notFound, repeatedRegistration } from '../decisions.js';
import { DomainError } from '../errors.js';
import type { DomainEvent } from '../events.js';
import { sameData, withoutUndefined } from '../plainData.js';
import { requireReferences } from '../references.js';
import type { ClaimCommand } from './commands.js';
import { applyChanges } from './correction.js';
import { claimReferenceFields } from './references.js';
import { assertClaimShape, assertDatasetClaimId } from './shape.js';
import type { Claim, ClaimState } from './state.js';

const liveClaim = (state: ClaimState, id: string, action: string): Claim => {
  if (!state) throw notFound('claim', id);
  if (state.retracted) throw new DomainError('claim_retracted', `claim ${id} was retracted and cannot be ${action}`);
  return state;
};

export const decideClaim = (command: ClaimCommand, state: ClaimState, context: DecideContext): DomainEvent[] => {
  const references = claimReferenceFields(command);
  switch (command.type) {
    case 'RecordClaim': {
      const { id, articleId, kind, provenance, ...body } = command.data;
      const data = withoutUndefined({ claimId: id, articleId, kind, ...body, provenance });
      assertDatasetClaimId(id, provenance, 'id');
      if (state) return repeatedRegistration('claim', id, state.recorded, data);
      assertClaimShape(kind, body);
      requireReferences(references, context);
      return [{ type: 'ClaimRecorded', data }];
    }
    case 'CorrectClaim': {
      const { id, changes, reason, articleId, provenance } = command.data;
      assertDatasetClaimId(id, provenance, 'provenance/externalId');
      const claim = liveClaim(state, id, 'corrected');
      const corrected = applyChanges(claim.body, changes);
      // The original body met the rules, so whatever breaks them came with the changes.
      assertClaimShape(claim.kind, corrected, 'changes/');
      requireReferences(references, context);
      if (sameData(corrected, claim.body)) return [];
      return [{ type: 'ClaimCorrected', data: withoutUndefined({ claimId: id, corrected, reason, articleId, provenance }) }];
    }
    case 'CorroborateClaim': {
      const { id, ...rest } = command.data;
      const claim = liveClaim(state, id, 'corroborated');
      requireReferences(references, context);
      const data = withoutUndefined({ claimId: id, ...rest });
      // The same article corroborating in the same words is one fact, not two: nothing to do.
      if (claim.corroborations.some((c) => sameData(c, data))) return [];
      return [{ type: 'ClaimCorroborated', data }];
    }
    case 'DisputeClaim': {
      const { id, ...rest } = command.data;
      // A retracted claim already carries no weight; disputing it would add noise, not knowledge.
      const claim = liveClaim(state, id, 'disputed');
      requireReferences(references, context);
      const data = withoutUndefined({ claimId: id, ...rest });
      if (claim.disputes.some((d) => sameData(d, data))) return [];
      return [{ type: 'ClaimDisputed', data }];
    }
    case 'RetractClaim': {
      const { id, reason, provenance } = command.data;
      assertDatasetClaimId(id, provenance, 'provenance/externalId');
      if (!state) throw notFound('claim', id);
      // Not a silent no-op: a second retraction usually means two analysts acted on the same
      // claim, which they should hear about (a retried request is replayed by its Idempotency-Key).
      if (state.retracted) throw new DomainError('claim_retracted', `claim ${id} was already retracted`);
      return [{ type: 'ClaimRetracted', data: withoutUndefined({ claimId: id, reason, provenance }) }];
    }
  }
};
