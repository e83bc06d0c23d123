import { type Credibility, type Grade, gradeOf, meetsMinimum } from '../domain/grades.js';
import { type ClaimKnowledge, type ClaimsState, type ClaimVersion, type Known, matchedUntilOf } from './claims.js';
import { versionAt } from './control/claims.js';
import { type Cutoff, isKnownAt } from './control/knowledge.js';
import { bestReliabilityOf, type ReliabilityOf } from './control/reliability.js';

/**
 * Timelines: claims of every kind in valid-time order, each as known at the cutoff K (its
 * latest correction known at K; left out if not yet recorded or already retracted at K).
 * Ties on the valid start are broken by recording position, so the order is stable and a
 * cursor (the last entry's valid start and position) pages without gaps or repeats — provided
 * every page is read with the same cutoff: a correction can move a claim's valid start across
 * the cursor, so callers pin K for all pages (the HTTP cursor carries it).
 */
export interface TimelineQuery {
  /** Only claims about these places (the caller expands descendants). */
  readonly placeIds?: ReadonlySet<string>;
  /** Only claims naming this actor (or withdrawing in its favour). */
  readonly actorId?: string;
  readonly kinds?: ReadonlySet<string>;
  /**
   * Inclusive bounds on valid time, `YYYY-MM-DD`: a claim is kept when `validStart`…
   * `matchedUntil` overlaps `from`…`to` — every day of a period (issue 11: a period that began
   * before `from` and runs into it is on the timeline), the first day of a single date.
   */
  readonly from?: string;
  readonly to?: string;
  readonly cutoff: Cutoff;
  readonly minGrade?: Grade;
  /** Resume after this entry (exclusive). */
  readonly after?: TimelineCursor;
  readonly limit: number;
}

export interface TimelineCursor {
  readonly validStart: string;
  readonly position: bigint;
}

export interface TimelineEntry {
  readonly claim: ClaimKnowledge;
  readonly version: ClaimVersion;
  /**
   * The best reliability among the article's sources as known at K with the version's
   * credibility; null if no source is known at K.
   */
  readonly grade: Grade | null;
  /** Whether the version shown is a correction. */
  readonly corrected: boolean;
  readonly corroborations: number;
  readonly disputes: number;
}

const knownCount = (items: readonly Known[], cutoff: Cutoff) => items.filter((k) => isKnownAt(k, cutoff)).length;

/**
 * Ids of the claims the smallest index allows: a superset of the answer, since every filter is
 * checked again on the version read at K.
 */
const candidates = (state: ClaimsState, query: TimelineQuery): Iterable<string> => {
  const lists: { readonly ids: Iterable<string>; readonly size: number }[] = [];
  if (query.placeIds) {
    const ids = new Set<string>();
    for (const placeId of query.placeIds) for (const id of state.byPlace.get(placeId) ?? []) ids.add(id);
    lists.push({ ids, size: ids.size });
  }
  if (query.actorId !== undefined) {
    const ids = state.byActor.get(query.actorId) ?? [];
    lists.push({ ids, size: ids.length });
  }
  if (lists.length === 0) return state.claims.keys();
  return lists.reduce((a, b) => (b.size < a.size ? b : a)).ids;
};

/** Timeline order: valid start, then recording position. Negative when `a` comes first. */
const compareOrder = (aStart: string, aPosition: bigint, bStart: string, bPosition: bigint): number =>
  aStart < bStart ? -1 : aStart > bStart ? 1 : aPosition < bPosition ? -1 : aPosition > bPosition ? 1 : 0;

const compareEntries = (a: TimelineEntry, b: TimelineEntry) =>
  compareOrder(a.version.validStart, a.claim.recorded.position, b.version.validStart, b.claim.recorded.position);

/**
 * The `size` first entries in timeline order among those offered, kept in a binary max-heap:
 * a page of an unfiltered timeline of 1.3M claims holds `limit + 1` entries, not 1.3M
 * (issue 14: that query's garbage was 150 MB at 2,000,000 events).
 */
class FirstEntries {
  readonly #heap: TimelineEntry[] = [];
  constructor(readonly size: number) {}

  /** Whether an entry at (validStart, position) would be kept: false once `size` earlier ones are. */
  admits(validStart: string, position: bigint): boolean {
    if (this.#heap.length < this.size) return true;
    const last = this.#heap[0]!;
    return compareOrder(validStart, position, last.version.validStart, last.claim.recorded.position) < 0;
  }

  /** Keep `entry` (which {@link admits} allowed), dropping the latest kept beyond `size`. */
  add(entry: TimelineEntry): void {
    const heap = this.#heap;
    if (heap.length < this.size) {
      heap.push(entry);
      let i = heap.length - 1;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (compareEntries(heap[i]!, heap[parent]!) <= 0) break;
        [heap[i], heap[parent]] = [heap[parent]!, heap[i]!];
        i = parent;
      }
      return;
    }
    heap[0] = entry;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let latest = i;
      if (left < heap.length && compareEntries(heap[left]!, heap[latest]!) > 0) latest = left;
      if (right < heap.length && compareEntries(heap[right]!, heap[latest]!) > 0) latest = right;
      if (latest === i) break;
      [heap[i], heap[latest]] = [heap[latest]!, heap[i]!];
      i = latest;
    }
  }

  /** The kept entries, in timeline order. */
  sorted(): TimelineEntry[] {
    return this.#heap.slice().sort(compareEntries);
  }
}

/**
 * One page of the timeline and whether more entries follow it: O(candidates · log limit) time,
 * O(limit) memory.
 */
export const timeline = (
  state: ClaimsState,
  query: TimelineQuery,
  reliabilityOf: ReliabilityOf,
): { entries: TimelineEntry[]; more: boolean } => {
  // One more than a page: whether it exists says whether more follow.
  const first = new FirstEntries(query.limit + 1);
  for (const id of candidates(state, query)) {
    const claim = state.claims.get(id);
    if (!claim) continue;
    // The read model's versions are a superset of what versionAt reads; it returns one of them.
    const version = versionAt(claim, query.cutoff) as ClaimVersion | undefined;
    if (!version) continue;
    if (query.placeIds && !query.placeIds.has(version.placeId)) continue;
    if (query.actorId !== undefined && !version.actorIds.includes(query.actorId) && version.inFavourOf !== query.actorId)
      continue;
    if (query.kinds && !query.kinds.has(version.kind)) continue;
    if (query.from !== undefined && matchedUntilOf(version) < query.from) continue;
    if (query.to !== undefined && version.validStart > query.to) continue;
    const position = claim.recorded.position;
    if (query.after && compareOrder(version.validStart, position, query.after.validStart, query.after.position) <= 0) continue;
    if (!first.admits(version.validStart, position)) continue;
    const reliability = bestReliabilityOf(reliabilityOf, claim, query.cutoff);
    const grade = reliability ? gradeOf(reliability, version.credibility as Credibility) : null;
    if (query.minGrade && (!grade || !meetsMinimum(grade, query.minGrade))) continue;
    first.add({
      claim,
      version,
      grade,
      corrected: version !== claim.versions[0],
      corroborations: knownCount(claim.corroborations, query.cutoff),
      disputes: knownCount(claim.disputes, query.cutoff),
    });
  }
  const entries = first.sorted();
  const more = entries.length > query.limit;
  return { entries: more ? entries.slice(0, query.limit) : entries, more };
};
