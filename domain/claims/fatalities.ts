import { z } from 'zod';

const Deaths = z.number().int().min(0);

/**
 * Deaths an event caused, as a dataset or report counts them (UCDP GED `best`/`low`/`high`,
 * `deaths_a`/`deaths_b`/`deaths_civilians`/`deaths_unknown`; ACLED `fatalities` as `best`).
 * Numbers of people. The rule `low ≤ best ≤ high` (when given) is a claim shape rule
 * (domain/claims/shape.ts); the parts `bySide` need not add up to `best` (UCDP's do, a
 * report's seldom).
 */
export const Fatalities = z.strictObject({
  best: Deaths.describe('The best estimate of deaths (UCDP best, ACLED fatalities): a count of people.'),
  low: Deaths.optional().describe('The lowest credible count (UCDP low); at most `best`.'),
  high: Deaths.optional().describe('The highest credible count (UCDP high); at least `best`.'),
  bySide: z
    .strictObject({
      sideA: Deaths.optional().describe('Deaths of side A (UCDP deaths_a).'),
      sideB: Deaths.optional().describe('Deaths of side B (UCDP deaths_b).'),
      civilians: Deaths.optional().describe('Civilian deaths (UCDP deaths_civilians).'),
      unknown: Deaths.optional().describe('Deaths of unknown affiliation (UCDP deaths_unknown).'),
    })
    .optional()
    .describe('Deaths by side, as the dataset counts them (sides as in `actorRoles`).'),
});
export type Fatalities = z.infer<typeof Fatalities>;
