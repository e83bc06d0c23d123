import type { Reliability } from '../../domain/grades.js';
import { type Cutoff, isKnownAt, type Known } from './knowledge.js';

/**
 * A source's reliability as known at K: the registration's grade, then each revision, in
 * log order. The registry's `reliabilityHistory` entries have this shape.
 */
export type ReliabilityHistory = readonly (Known & { readonly reliability: Reliability })[];

/** How the control rule learns a source's reliability as known at K (undefined: unknown at K). */
export type ReliabilityOf = (sourceId: string, cutoff: Cutoff) => Reliability | undefined;

/** The last grade known at K; undefined when even the registration is not known at K. */
export const reliabilityAt = (history: ReliabilityHistory, cutoff: Cutoff): Reliability | undefined => {
  // A log prefix again: the newest entry known at K is the answer, and it is usually the last.
  for (let i = history.length - 1; i >= 0; i--) {
    const entry = history[i]!;
    if (isKnownAt(entry, cutoff)) return entry.reliability;
  }
  return undefined;
};

/**
 * The best reliability among a claim's sources as known at K (A best, F — cannot be judged —
 * last): every source of an article corroborates its claims, so the best-graded one grades
 * them (issue 11). Sources unknown at K are skipped; undefined when none is known.
 */
export const bestReliabilityOf = (
  reliabilityOf: ReliabilityOf,
  claim: { readonly sourceId: string; readonly sourceIds?: readonly string[] | undefined },
  cutoff: Cutoff,
): Reliability | undefined => {
  // Most claims have their article's one source: no list to walk (this runs per claim per query).
  if (claim.sourceIds === undefined) return reliabilityOf(claim.sourceId, cutoff);
  let best: Reliability | undefined;
  for (const sourceId of claim.sourceIds) {
    const reliability = reliabilityOf(sourceId, cutoff);
    if (reliability !== undefined && (best === undefined || reliability < best)) best = reliability;
  }
  return best;
};

/** A `ReliabilityOf` over the registry's sources (or any map of source id → reliability history). */
export const reliabilityFrom =
  (sources: ReadonlyMap<string, { readonly reliabilityHistory: ReliabilityHistory }>): ReliabilityOf =>
  (sourceId, cutoff) => {
    const source = sources.get(sourceId);
    return source ? reliabilityAt(source.reliabilityHistory, cutoff) : undefined;
  };
