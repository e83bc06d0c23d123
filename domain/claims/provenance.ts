import { z } from 'zod';
import { DatasetName } from '../vocabulary.js';

/**
 * Where a claim's wording came from, when a tool proposed it and an analyst accepted it
 * (issue 15): the suggestion's id and the SHA-256 of the article text the suggestions were
 * made from. The text itself is never stored; the same text gives the same hash and the same
 * suggestion ids, so a claim can be traced back to the exact text and rule.
 */
export const SuggestionProvenance = z.strictObject({
  kind: z.literal('suggestion').describe('The claim was accepted from a suggestion (POST /v1/articles/{id}/suggestions).'),
  suggestionId: z.string().min(1).max(200).describe('The id the suggestions answer gave it.'),
  textSha256: z
    .string()
    .regex(/^[0-9a-f]{64}$/, 'must be a SHA-256 in lowercase hex (64 characters)')
    .describe('SHA-256 (hex) of the UTF-8 article text the suggestion was made from.'),
  rule: z.string().max(200).optional().describe('The rule that fired, as the suggestions answer named it.'),
});
export type SuggestionProvenance = z.infer<typeof SuggestionProvenance>;

/**
 * A row of a conflict dataset (DESIGN "Datasets and their releases", issue 11): which
 * dataset, which release brought it (UCDP "23.1", an ACLED export date) and the dataset's own
 * event id (UCDP `id`, ACLED `event_id_cnty`). The id fixes the claim's id
 * (`datasetClaimId`), so one external id is one claim, ever. On a correction or retraction it
 * names the release that brought the change.
 */
export const DatasetProvenance = z.strictObject({
  kind: z.literal('dataset').describe('The claim is a row of a conflict dataset.'),
  dataset: DatasetName.describe('ucdp-ged (UCDP Georeferenced Event Dataset) or acled.'),
  release: z.string().min(1).max(40).describe('The release or version the row comes from, e.g. "23.1" (UCDP).'),
  externalId: z
    .string()
    .min(1)
    .max(100)
    .describe('The dataset’s own event id (UCDP id, ACLED event_id_cnty); it fixes the claim id.'),
});
export type DatasetProvenance = z.infer<typeof DatasetProvenance>;

/**
 * Where a claim came from, when not simply typed in by an analyst: a suggestion accepted, or
 * a dataset row imported. Optional and recorded once (a correction does not change where the
 * claim came from; a correction may name the dataset release that brought it).
 */
export const ClaimProvenance = z.discriminatedUnion('kind', [SuggestionProvenance, DatasetProvenance]);
export type ClaimProvenance = z.infer<typeof ClaimProvenance>;
