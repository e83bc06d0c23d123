import { z } from 'zod';
import { ValidTime } from '../dates.js';
import { Credibility } from '../grades.js';
import { EntityId } from '../ids.js';
import { ClaimKind, Quote, Share } from '../vocabulary.js';
import { ClaimProvenance } from './provenance.js';

const claimFields = {
  placeId: EntityId.describe('The place the claim is about.'),
  actorIds: z
    .array(EntityId)
    .max(20)
    .describe('The actors involved. control and withdrawal name exactly one: the actor that holds or leaves the place.'),
  share: Share.optional().describe('control only: the share of the place the actor holds, 0 < share ≤ 1.'),
  inFavourOf: EntityId.optional().describe('withdrawal only: the actor that takes over what was left.'),
  validTime: ValidTime,
  credibility: Credibility.describe('Admiralty information credibility: 1 confirmed … 5 improbable, 6 cannot be judged.'),
  quote: Quote.optional(),
  summary: z.string().trim().max(2000).optional().describe('A one-line summary in English.'),
  attributedTo: EntityId.optional().describe('The source the article attributes the claim to ("according to Al-Furat Post").'),
};

export const RecordClaim = z.strictObject({
  id: EntityId.optional().describe('Slug or UUID; generated when absent.'),
  articleId: EntityId.describe('The article that makes the claim.'),
  kind: ClaimKind,
  ...claimFields,
  provenance: ClaimProvenance.optional().describe(
    'Set when the claim was accepted from a suggestion: the suggestion id and the SHA-256 of the text.',
  ),
});
export type RecordClaim = z.infer<typeof RecordClaim>;

export const CorrectClaim = z.strictObject({
  changes: z
    .strictObject({
      placeId: claimFields.placeId.optional(),
      actorIds: claimFields.actorIds.optional(),
      share: claimFields.share,
      inFavourOf: claimFields.inFavourOf.nullable(),
      validTime: ValidTime.optional(),
      credibility: Credibility.optional(),
      quote: Quote.nullable().optional(),
      summary: claimFields.summary,
      attributedTo: claimFields.attributedTo.nullable(),
    })
    .describe('The fields that change; null removes an optional field.'),
  reason: z.string().trim().min(1).max(2000),
  articleId: EntityId.optional().describe('The article that brought the correction, if any.'),
});
export type CorrectClaim = z.infer<typeof CorrectClaim>;

export const CorroborateClaim = z.strictObject({
  articleId: EntityId.describe('The article that corroborates the claim.'),
  credibility: Credibility.optional(),
  note: z.string().trim().max(2000).optional(),
});
export type CorroborateClaim = z.infer<typeof CorroborateClaim>;

export const DisputeClaim = z.strictObject({
  articleId: EntityId.optional().describe('The article that disputes the claim, if any.'),
  reason: z.string().trim().min(1).max(2000),
});
export type DisputeClaim = z.infer<typeof DisputeClaim>;

export const RetractClaim = z.strictObject({
  reason: z.string().trim().min(1).max(2000),
});
export type RetractClaim = z.infer<typeof RetractClaim>;

export type ClaimCommand =
  | { type: 'RecordClaim'; data: RecordClaim & { id: string } }
  | { type: 'CorrectClaim'; data: CorrectClaim & { id: string } }
  | { type: 'CorroborateClaim'; data: CorroborateClaim & { id: string } }
  | { type: 'DisputeClaim'; data: DisputeClaim & { id: string } }
  | { type: 'RetractClaim'; data: RetractClaim & { id: string } };
