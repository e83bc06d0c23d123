import type { Grade } from '../../domain/grades.js';
import { type Change, changesOf } from '../../projections/control/changes.js';
import { historyOf, type Segment } from '../../projections/control/history.js';
import { EVERYTHING } from '../../projections/control/knowledge.js';
import { reliabilityFrom } from '../../projections/control/reliability.js';
import type { ControlState, ControlSummary } from '../../projections/control/state.js';
import { type ControlTimeline, controlTimeline, stateAt, stepIndexAt } from '../../projections/control/timeline.js';
import type { LedgerState } from '../../projections/ledger.js';
import type { PlaceView } from '../../projections/registry.js';
import { ApplicationError } from '../applicationError.js';
import { ControlCache } from '../readmodels/controlCache.js';
import { type Knowledge, knowledgeNow } from './knowledge.js';
import { requirePlace, subtreeOf } from './places.js';
import type { ReadSide } from './readSide.js';

/** One place's control on a date, as the API answers it (DESIGN "Territorial control" §3–4). */
export interface PlaceControl {
  readonly placeId: string;
  /** The place's English name. */
  readonly name: string;
  /** The place's OCHA P-code (COD-AB), which ties it to its admin polygon; null when it has none. */
  readonly pcode: string | null;
  readonly status: ControlState['status'];
  readonly controller: string | null;
  readonly shares: readonly { readonly actorId: string; readonly share: number; readonly since: string }[];
  readonly unattributed: number;
  readonly lastClaimAt: string | null;
  readonly grade: string | null;
  readonly claimIds: readonly string[];
}

/** Whose claims count: the knowledge cutoff K and the minimum grade (DESIGN §1, §5). */
export interface ControlScope {
  readonly knowledge: Knowledge;
  readonly minGrade?: Grade | undefined;
}

/** The scope with its knowledge as of now (`knowledgeNow`): called right before reading the state. */
const nowScope = <S extends ControlScope>(read: ReadSide, scope: S): S => ({
  ...scope,
  knowledge: knowledgeNow(read, scope.knowledge),
});

/**
 * Whether the place's answer under the scope's cutoff K is its answer under current knowledge:
 * K admits everything, or is a log position after which nothing that could change the place's
 * control was recorded (no claim naming it recorded, corrected or retracted, no source
 * regraded — `placeChangedAt`). A knowledge slider a few positions back from the head then
 * recomputes only the places those positions touched (the map). An instant cutoff is not
 * compared with positions.
 */
const currentFor = (state: LedgerState, scope: ControlScope, placeId: string): boolean => {
  const { cutoff } = scope.knowledge;
  if (cutoff === EVERYTHING) return true;
  if (cutoff.instant !== undefined || cutoff.position === undefined) return false;
  const { claims } = state;
  return (claims.placeChangedAt.get(placeId) ?? 0n) <= cutoff.position && claims.reliabilityChangedAt <= cutoff.position;
};

/**
 * The place's control timeline under the scope. When it is current knowledge without a
 * minimum grade — decided here alone — it comes from the cache (computed once per change of
 * the place); any other scope is folded from the place's own claims.
 */
const timelineFor = (read: ReadSide, state: LedgerState, scope: ControlScope, placeId: string): ControlTimeline => {
  const reliabilityOf = reliabilityFrom(state.registry.sources);
  if (scope.minGrade === undefined && currentFor(state, scope, placeId)) {
    return read.controlCache.current(state.claims, placeId, read.follower.position, reliabilityOf);
  }
  const query = { cutoff: scope.knowledge.cutoff, ...(scope.minGrade ? { minGrade: scope.minGrade } : {}) };
  return controlTimeline(ControlCache.claimsOf(state.claims, placeId), placeId, query, reliabilityOf);
};

const placeControl = (place: PlaceView, state: ControlState): PlaceControl => ({
  placeId: place.id,
  name: place.names.en,
  pcode: place.pcode ?? null,
  status: state.status,
  controller: state.controller,
  shares: state.shares.map((s) => ({ ...s })),
  unattributed: state.unattributed,
  lastClaimAt: state.lastClaimAt,
  grade: state.grade,
  claimIds: [...state.claimIds],
});

/**
 * The place's control at `at`. The answer is the same object for every date within one step of
 * a cached timeline, so the HTTP layer can render each once (see `services/http/render.ts`).
 */
const controlAt = (read: ReadSide, state: LedgerState, scope: ControlScope, place: PlaceView, at: string): PlaceControl => {
  const timeline = timelineFor(read, state, scope, place.id);
  return read.controlCache.memo(place.id, timeline, stepIndexAt(timeline, at), () => placeControl(place, stateAt(timeline, at)));
};

export interface ControlQuery extends ControlScope {
  /** The valid date D, YYYY-MM-DD. */
  readonly at: string;
  /** A place: answer for it and every place within it (`not_found` if unknown). */
  readonly within?: string | undefined;
  /** Only places where this actor holds a share. */
  readonly actor?: string | undefined;
  /** Also list places whose status is `unknown`. */
  readonly includeUnknown: boolean;
}

export interface ControlAnswer {
  readonly at: string;
  readonly asOf: string;
  readonly knownAt: string | null;
  readonly minGrade: string | null;
  readonly places: readonly PlaceControl[];
}

/**
 * Who held what on date D, as known at K: every place in scope, in registration order, with
 * a known state (or all with `includeUnknown`), optionally only those where `actor` holds a
 * share. Every representation of the answer (JSON, GeoJSON) is rendered from this.
 */
export const controlOn = (read: ReadSide, asked: ControlQuery): ControlAnswer => {
  const query = { ...asked, knowledge: knowledgeNow(read, asked.knowledge) };
  const state = read.follower.state;
  const { places } = state.registry;
  const ids = query.within !== undefined ? subtreeOf(state.registry, query.within) : places.keys();
  const out: PlaceControl[] = [];
  for (const placeId of ids) {
    const control = controlAt(read, state, query, places.get(placeId)!, query.at);
    if (control.status === 'unknown' && !query.includeUnknown) continue;
    if (query.actor !== undefined && !control.shares.some((s) => s.actorId === query.actor)) continue;
    out.push(control);
  }
  return {
    at: query.at,
    asOf: query.knowledge.asOf.toString(),
    knownAt: query.knowledge.knownAt,
    minGrade: query.minGrade ?? null,
    places: out,
  };
};

/** One place's control on date `at`, as known at K (`not_found` for an unknown place). */
export const placeControlOn = (read: ReadSide, placeId: string, at: string, scope: ControlScope): PlaceControl => {
  const state = read.follower.state;
  return controlAt(read, state, nowScope(read, scope), requirePlace(state.registry, placeId), at);
};

/** A place's control over valid time, as segments (`not_found` for an unknown place). */
export const placeHistory = (read: ReadSide, placeId: string, scope: ControlScope): Segment[] => {
  const state = read.follower.state;
  const place = requirePlace(state.registry, placeId);
  return historyOf(timelineFor(read, state, nowScope(read, scope), place.id));
};

export interface ReplayQuery extends ControlScope {
  /** First day, YYYY-MM-DD. */
  readonly from: string;
  /** Last day, inclusive, YYYY-MM-DD. */
  readonly to: string;
  readonly within?: string | undefined;
}

/** A change of one place's control state on one day. */
export interface PlaceChange extends Change {
  readonly placeId: string;
}

/**
 * Every change of control state between two dates, day by day, ordered by date then place
 * (`invalid_range` when `from` is after `to`).
 */
export const replay = (read: ReadSide, query: ReplayQuery): PlaceChange[] => {
  if (query.from > query.to) {
    throw new ApplicationError('invalid_range', `from ${query.from} is after to ${query.to}`, [
      { field: '/from', in: 'querystring', message: 'must not be after to' },
    ]);
  }
  const scope = nowScope(read, query);
  const state = read.follower.state;
  const ids = query.within !== undefined ? subtreeOf(state.registry, query.within) : state.registry.places.keys();
  const changes: PlaceChange[] = [];
  for (const placeId of ids) {
    for (const change of changesOf(timelineFor(read, state, scope, placeId), placeId, query.from, query.to)) {
      changes.push({ ...change, placeId });
    }
  }
  return changes.sort((a, b) =>
    a.date < b.date ? -1 : a.date > b.date ? 1 : a.placeId < b.placeId ? -1 : a.placeId > b.placeId ? 1 : 0,
  );
};

export type { ControlSummary };
