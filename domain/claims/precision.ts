import { z } from 'zod';
import { DatasetName, DatePrecision, PlacePrecision } from '../vocabulary.js';

/**
 * How precisely the claim's place and date are known: the normalised values queries filter
 * on, and the dataset's own codes kept verbatim (UCDP `where_prec` 1–7 and `date_prec` 1–5;
 * ACLED `geo_precision` 1–3 and `time_precision` 1–3). The mapping is in docs/datasets.md.
 */
export const ClaimPrecision = z.strictObject({
  place: PlacePrecision.optional().describe('Normalised place precision (exact … unknown).'),
  date: DatePrecision.optional().describe('Normalised date precision (day, week, month, year, unknown).'),
  coded: z
    .strictObject({
      scheme: DatasetName.describe('The dataset whose codebook the codes come from.'),
      where: z.number().int().min(0).max(99).optional().describe('UCDP where_prec or ACLED geo_precision, verbatim.'),
      date: z.number().int().min(0).max(99).optional().describe('UCDP date_prec or ACLED time_precision, verbatim.'),
    })
    .optional()
    .describe('The precision codes as the dataset coded them.'),
});
export type ClaimPrecision = z.infer<typeof ClaimPrecision>;
