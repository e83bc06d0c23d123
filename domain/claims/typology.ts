import { z } from 'zod';
import { DatasetName } from '../vocabulary.js';

/**
 * The dataset's own classification of the event, verbatim beside sijill's `kind`: UCDP
 * `type_of_violence` ("1" state-based, "2" non-state, "3" one-sided); ACLED `event_type` and
 * `sub_event_type` ("Battles" / "Armed clash"). The mapping to `kind` is one table in docs/datasets.md.
 */
export const Typology = z.strictObject({
  scheme: DatasetName.describe('The dataset whose codebook the type comes from.'),
  type: z.string().min(1).max(100).describe('UCDP type_of_violence ("1", "2", "3") or ACLED event_type, verbatim.'),
  subType: z.string().min(1).max(100).optional().describe('ACLED sub_event_type, verbatim.'),
});
export type Typology = z.infer<typeof Typology>;
