import type { ClaimBody } from '../events.js';
import { withoutUndefined } from '../plainData.js';
import type { CorrectClaim } from './commands.js';

/**
 * The body a correction produces: each field given in `changes` replaces the current one,
 * `null` removes an optional field, and absent fields stay as they are. ClaimCorrected
 * carries this full body (not the patch), so readers never merge.
 */
export const applyChanges = (body: ClaimBody, changes: CorrectClaim['changes']): ClaimBody => {
  const next: Record<string, unknown> = { ...body };
  for (const [field, value] of Object.entries(changes)) {
    if (value === null) delete next[field];
    else if (value !== undefined) next[field] = value;
  }
  return withoutUndefined(next) as ClaimBody;
};
