import type { ClaimKnowledge } from './claims.js';
import { type ControlQuery, effectiveClaims } from './effectiveClaims.js';
import { foldControl } from './fold.js';
import type { ReliabilityOf } from './reliability.js';
import type { ControlState } from './state.js';

/**
 * The DESIGN rule, steps 1–5: `placeId`'s control on `query.at` as known at `query.cutoff`.
 * O(k log k) in `claims`, which should be the place's own claims (see `effectiveClaims`).
 */
export const controlAt = (
  claims: Iterable<ClaimKnowledge>,
  placeId: string,
  query: ControlQuery,
  reliabilityOf: ReliabilityOf,
): ControlState => foldControl(effectiveClaims(claims, placeId, query, reliabilityOf));
