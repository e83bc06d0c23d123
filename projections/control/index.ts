/**
 * Territorial control (DESIGN.md, "Territorial control"): pure functions over what the
 * ledger knows about one place's claims.
 */
export { type Change, type ChangesQuery, changesOf, controlChanges } from './changes.js';
export { type ClaimKnowledge, type ClaimVersion, versionAt } from './claims.js';
export { controlAt } from './controlAt.js';
export {
  byFoldOrder,
  type ControlQuery,
  type EffectiveClaim,
  effectiveClaims,
  gradeOfClaim,
  type KnowledgeQuery,
} from './effectiveClaims.js';
export { evolveFold, type FoldState, foldControl, initialFold, summarize } from './fold.js';
export { controlHistory, historyOf, type Segment } from './history.js';
export { atOrBefore, type Cutoff, EVERYTHING, isKnownAt, type Known } from './knowledge.js';
export { type ReliabilityHistory, type ReliabilityOf, reliabilityAt, reliabilityFrom } from './reliability.js';
export {
  type ControlState,
  type ControlSummary,
  EPSILON,
  roundShare,
  type ShareOut,
  sameControl,
  UNKNOWN,
} from './state.js';
export {
  type ControlStep,
  type ControlTimeline,
  claimsOfStep,
  controlTimeline,
  stateAt,
  stepIndexAt,
  timelineOf,
} from './timeline.js';
