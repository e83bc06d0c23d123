import { z } from 'zod';

/**
 * Where a claim's wording came from, when a tool proposed it and an analyst accepted it
 * (issue 15): the suggestion's id and the SHA-256 of the article text the suggestions were
 * made from. The text itself is never stored; the same text gives the same hash and the same
 * suggestion ids, so a claim can be traced back to the exact text and rule. Optional and
 * recorded once (a correction does not change where the claim came from). A discriminated
 * shape (`kind`), so other origins (a dataset row, DESIGN "Datasets") can join it later.
 */
export const ClaimProvenance = z.strictObject({
  kind: z.literal('suggestion').describe('The claim was accepted from a suggestion (POST /v1/articles/{id}/suggestions).'),
  suggestionId: z.string().min(1).max(200).describe('The id the suggestions answer gave it.'),
  textSha256: z
    .string()
    .regex(/^[0-9a-f]{64}$/, 'must be a SHA-256 in lowercase hex (64 characters)')
    .describe('SHA-256 (hex) of the UTF-8 article text the suggestion was made from.'),
  rule: z.string().max(200).optional().describe('The rule that fired, as the suggestions answer named it.'),
});
export type ClaimProvenance = z.infer<typeof ClaimProvenance>;
