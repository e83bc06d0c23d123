import type { ActorCommand } from './actors/commands.js';
import type { ArticleCommand } from './articles/commands.js';
import type { ClaimCommand, CorrectClaim } from './claims/commands.js';
import { ClaimBody, type DomainEvent } from './events.js';
import type { Category } from './ids.js';
import type { PlaceCommand } from './places/commands.js';
import type { SourceCommand } from './sources/commands.js';

/**
 * The command a recorded event answers: the aggregate it belongs to (category and entity
 * id, which name its stream) and the command whose decision records exactly this event.
 * An import replays events it did not decide; asking the aggregate's decider to decide
 * this command again is how it checks them against the same rules (`admissibility.ts`).
 */
export type RecordedCommand =
  | { readonly category: 'source'; readonly id: string; readonly idField: string; readonly command: SourceCommand }
  | { readonly category: 'place'; readonly id: string; readonly idField: string; readonly command: PlaceCommand }
  | { readonly category: 'actor'; readonly id: string; readonly idField: string; readonly command: ActorCommand }
  | { readonly category: 'article'; readonly id: string; readonly idField: string; readonly command: ArticleCommand }
  | { readonly category: 'claim'; readonly id: string; readonly idField: string; readonly command: ClaimCommand };

/** The optional fields of a claim body: the ones a correction can remove. Derived from the schema so they cannot drift. */
const OPTIONAL_BODY_FIELDS = Object.entries(ClaimBody.shape)
  .filter(([, schema]) => schema.safeParse(undefined).success)
  .map(([field]) => field);

/**
 * The changes that turn any current body into `corrected`: every field it has, and `null`
 * (remove) for every optional field it lacks. The decider's `applyChanges` then yields
 * `corrected` whatever the claim read before, so the decision is checked on the recorded body.
 */
const changesProducing = (corrected: ClaimBody): CorrectClaim['changes'] => {
  const removed = OPTIONAL_BODY_FIELDS.filter((field) => (corrected as Record<string, unknown>)[field] === undefined);
  // A command cannot remove `share` or `summary` (they are not nullable in CorrectClaim); a
  // recorded correction is a full body, and `applyChanges` removes any field given as null.
  return { ...corrected, ...Object.fromEntries(removed.map((field) => [field, null])) } as CorrectClaim['changes'];
};

const aggregate = <C extends Category>(category: C, id: string, idField: string) => ({ category, id, idField });

export const recordedCommandOf = (event: DomainEvent): RecordedCommand => {
  switch (event.type) {
    case 'SourceRegistered': {
      const { sourceId, ...rest } = event.data;
      return {
        ...aggregate('source', sourceId, 'sourceId'),
        command: { type: 'RegisterSource', data: { id: sourceId, ...rest } },
      };
    }
    case 'SourceReliabilityRevised': {
      const { sourceId, ...rest } = event.data;
      return {
        ...aggregate('source', sourceId, 'sourceId'),
        command: { type: 'ReviseSourceReliability', data: { id: sourceId, ...rest } },
      };
    }
    case 'SourceRenamed': {
      const { sourceId, ...rest } = event.data;
      return { ...aggregate('source', sourceId, 'sourceId'), command: { type: 'RenameSource', data: { id: sourceId, ...rest } } };
    }
    case 'PlaceRegistered': {
      const { placeId, ...rest } = event.data;
      return { ...aggregate('place', placeId, 'placeId'), command: { type: 'RegisterPlace', data: { id: placeId, ...rest } } };
    }
    case 'PlaceRenamed': {
      const { placeId, ...rest } = event.data;
      return { ...aggregate('place', placeId, 'placeId'), command: { type: 'RenamePlace', data: { id: placeId, ...rest } } };
    }
    case 'ActorRegistered': {
      const { actorId, ...rest } = event.data;
      return { ...aggregate('actor', actorId, 'actorId'), command: { type: 'RegisterActor', data: { id: actorId, ...rest } } };
    }
    case 'ActorRenamed': {
      const { actorId, ...rest } = event.data;
      return { ...aggregate('actor', actorId, 'actorId'), command: { type: 'RenameActor', data: { id: actorId, ...rest } } };
    }
    case 'ArticleRecorded': {
      const { articleId, ...rest } = event.data;
      return {
        ...aggregate('article', articleId, 'articleId'),
        command: { type: 'RecordArticle', data: { id: articleId, ...rest } },
      };
    }
    case 'ClaimRecorded': {
      const { claimId, ...rest } = event.data;
      return { ...aggregate('claim', claimId, 'claimId'), command: { type: 'RecordClaim', data: { id: claimId, ...rest } } };
    }
    case 'ClaimCorrected': {
      const { claimId, corrected, reason, articleId, provenance } = event.data;
      const data = {
        id: claimId,
        changes: changesProducing(corrected),
        reason,
        ...(articleId !== undefined ? { articleId } : {}),
        ...(provenance !== undefined ? { provenance } : {}),
      };
      return { ...aggregate('claim', claimId, 'claimId'), command: { type: 'CorrectClaim', data } };
    }
    case 'ClaimCorroborated': {
      const { claimId, ...rest } = event.data;
      return { ...aggregate('claim', claimId, 'claimId'), command: { type: 'CorroborateClaim', data: { id: claimId, ...rest } } };
    }
    case 'ClaimDisputed': {
      const { claimId, ...rest } = event.data;
      return { ...aggregate('claim', claimId, 'claimId'), command: { type: 'DisputeClaim', data: { id: claimId, ...rest } } };
    }
    case 'ClaimRetracted': {
      const { claimId, ...rest } = event.data;
      return { ...aggregate('claim', claimId, 'claimId'), command: { type: 'RetractClaim', data: { id: claimId, ...rest } } };
    }
  }
};
