import { z } from 'zod';
import { ValidTime } from '../dates.js';
import { Credibility } from '../grades.js';
import { EntityId } from '../ids.js';
import { ClaimKind, Quote, Share } from '../vocabulary.js';
import { ActorRoles } from './actorRoles.js';
import { Fatalities } from './fatalities.js';
import { ClaimPrecision } from './precision.js';
import { ClaimProvenance, DatasetProvenance } from './provenance.js';
import { Typology } from './typology.js';

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
  fatalities: Fatalities.optional().describe(
    'Deaths (numbers of people): best estimate, optional low/high (low ≤ best ≤ high), optionally by side. ' +
      'UCDP GED best/low/high and deaths_a/deaths_b/deaths_civilians/deaths_unknown; ACLED fatalities.',
  ),
  actorRoles: ActorRoles.optional().describe(
    'The role of each actor, each one of actorIds and named at most once: side_a/side_b (UCDP side_a/side_b, ' +
      'ACLED actor1/actor2), associated_a/associated_b (ACLED assoc_actor_1/assoc_actor_2). See docs/datasets.md.',
  ),
  precision: ClaimPrecision.optional().describe(
    'Place and date precision, normalised, and the dataset codes verbatim (UCDP where_prec/date_prec, ' +
      'ACLED geo_precision/time_precision). See docs/datasets.md.',
  ),
  typology: Typology.optional().describe(
    'The dataset’s own type of the event, verbatim beside kind (UCDP type_of_violence; ACLED event_type/' +
      'sub_event_type). See docs/datasets.md.',
  ),
};

export const RecordClaim = z.strictObject({
  id: EntityId.optional().describe(
    'Slug or UUID; generated when absent. With dataset provenance the id is fixed, ' +
      '`{dataset}-{slug(externalId)}` (e.g. ucdp-ged-300380): absent, it is that; given, it must be that.',
  ),
  articleId: EntityId.describe('The article that makes the claim.'),
  kind: ClaimKind,
  ...claimFields,
  provenance: ClaimProvenance.optional().describe(
    'Where the claim came from: a suggestion accepted (its id and the SHA-256 of the text), or a dataset row ' +
      '(dataset, release, externalId; one claim per external id, ever).',
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
      fatalities: claimFields.fatalities.nullable(),
      actorRoles: claimFields.actorRoles.nullable(),
      precision: claimFields.precision.nullable(),
      typology: claimFields.typology.nullable(),
    })
    .describe('The fields that change; null removes an optional field.'),
  reason: z.string().trim().min(1).max(2000),
  articleId: EntityId.optional().describe('The article that brought the correction, if any.'),
  provenance: DatasetProvenance.optional().describe(
    'The dataset release that brought the correction (name the release in `reason` too); its externalId must be ' +
      'the claim’s.',
  ),
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
  provenance: DatasetProvenance.optional().describe(
    'The dataset release that withdrew the row (its deletions list); its externalId must be the claim’s.',
  ),
});
export type RetractClaim = z.infer<typeof RetractClaim>;

export type ClaimCommand =
  | { type: 'RecordClaim'; data: RecordClaim & { id: string } }
  | { type: 'CorrectClaim'; data: CorrectClaim & { id: string } }
  | { type: 'CorroborateClaim'; data: CorroborateClaim & { id: string } }
  | { type: 'DisputeClaim'; data: DisputeClaim & { id: string } }
  | { type: 'RetractClaim'; data: RetractClaim & { id: string } };
