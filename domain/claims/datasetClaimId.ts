import type { DatasetName } from '../vocabulary.js';

/**
 * The claim id of a dataset row: `{dataset}-{slug(externalId)}`, where the slug lowercases and
 * turns every run of characters other than a–z and 0–9 into one `-` (UCDP id 300380 →
 * `ucdp-ged-300380`, ACLED SYR1234 → `acled-syr1234`). One stream per external id is one
 * claim per external id, ever: recording the same row again meets the claim it made
 * (issue 11). Two external ids that differ only in case or punctuation share a claim; neither
 * dataset issues such ids. The result is a valid EntityId whenever the external id holds at
 * least one letter or digit (a shape rule checks it, domain/claims/shape.ts).
 */
export const datasetClaimId = (dataset: DatasetName, externalId: string): string => {
  const slug = externalId
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  return `${dataset}-${slug}`;
};
