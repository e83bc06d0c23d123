import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { startOf } from '../../domain/dates.js';
import { type Grade, gradeOf, meetsMinimum, type Reliability } from '../../domain/grades.js';
import {
  type ClaimKnowledge,
  type ClaimVersion,
  type ControlState,
  type Cutoff,
  controlAt,
  controlChanges,
  controlHistory,
  controlTimeline,
  type Known,
  type ReliabilityOf,
  reliabilityAt,
  sameControl,
  stateAt,
} from '../../projections/control/index.js';

/**
 * Properties of the control rule over generated ledgers: claims, corrections (which may move
 * a claim between places, change its actor, share or date), retractions and reliability
 * revisions on two places, four actors and three sources (one never registered), with
 * `recordedAt` stamps that sometimes repeat. A straightforward reference implementation,
 * replaying the known prefix of the log, is the oracle.
 */

const ACTORS = ['a', 'b', 'c', 'd'] as const;
const SOURCES = ['s1', 's2', 'unregistered'] as const;
const DATES = ['2018', '2018-10', '2018-10-15', '2018-11', '2018-11-13', '2018-11-20', '2019-01'] as const;

interface Body {
  readonly kind: 'control' | 'withdrawal' | 'meeting';
  readonly place: string;
  readonly actor: string;
  readonly share: number;
  readonly inFavourOf: string | undefined;
  readonly date: string;
  readonly credibility: number;
}
type Op =
  | { readonly op: 'record'; readonly body: Body; readonly source: string }
  | { readonly op: 'correct'; readonly target: number; readonly body: Body }
  | { readonly op: 'retract'; readonly target: number }
  | { readonly op: 'revise'; readonly source: string; readonly reliability: Reliability };
type Stamped = Op & { readonly sameInstant: boolean };

const share = fc.oneof(
  fc.constantFrom(1, 0.5, 0.8, 0.2, 0.6, 1e-10, 0.9999999999),
  fc.integer({ min: 1, max: 1000 }).map((n) => n / 1000),
);
const body = fc
  .record({
    kind: fc.constantFrom('control', 'control', 'control', 'control', 'withdrawal', 'meeting') as fc.Arbitrary<Body['kind']>,
    // Mostly p, so p accumulates claims; q is where corrections move some of them.
    place: fc.constantFrom('p', 'p', 'p', 'q'),
    actor: fc.constantFrom(...ACTORS),
    share,
    inFavourOf: fc.option(fc.constantFrom(...ACTORS), { nil: undefined }),
    date: fc.constantFrom(...DATES),
    credibility: fc.integer({ min: 1, max: 6 }),
  })
  // The domain's shape rule: no withdrawal in favour of itself.
  .map((b) => (b.inFavourOf === b.actor ? { ...b, inFavourOf: undefined } : b));
const reliability = fc.constantFrom<Reliability>('A', 'B', 'C', 'D', 'E', 'F');
const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ op: fc.constant('record' as const), body, source: fc.constantFrom(...SOURCES) }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('correct' as const), target: fc.nat(), body }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('retract' as const), target: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('revise' as const), source: fc.constantFrom('s1', 's2'), reliability }) },
);
/** Two sources registered first, then the generated operations. */
const log: fc.Arbitrary<Stamped[]> = fc
  .tuple(
    reliability,
    reliability,
    fc.array(fc.record({ op, sameInstant: fc.boolean() }), { minLength: 1, maxLength: 30, size: 'max' }),
  )
  .map(([r1, r2, rest]) => [
    { op: 'revise', source: 's1', reliability: r1, sameInstant: false },
    { op: 'revise', source: 's2', reliability: r2, sameInstant: false },
    ...rest.map(({ op: o, sameInstant }) => ({ ...o, sameInstant })),
  ]);

/** Position i + 1 and a minute-resolution stamp that repeats when the op says so. */
const knownOf = (ops: readonly Stamped[]): Known[] => {
  let minute = 0;
  return ops.map((o, i) => {
    if (!o.sameInstant) minute += 1;
    return { position: BigInt(i + 1), recordedAt: new Date(Date.UTC(2019, 0, 1, 0, minute)).toISOString() };
  });
};

const versionOf = (known: Known, b: Body, kind = b.kind): ClaimVersion => ({
  known,
  kind,
  placeId: b.place,
  actorIds: [b.actor],
  ...(kind === 'control' ? { share: b.share } : {}),
  ...(kind === 'withdrawal' && b.inFavourOf !== undefined ? { inFavourOf: b.inFavourOf } : {}),
  validDate: b.date,
  credibility: b.credibility,
});

/** The read model's view of a log: claims with their versions and retraction, and sources' reliability histories. */
const knowledgeOf = (ops: readonly Stamped[]) => {
  const known = knownOf(ops);
  const claims: (ClaimKnowledge & { versions: ClaimVersion[]; retracted?: Known })[] = [];
  const sources = new Map<string, (Known & { reliability: Reliability })[]>();
  ops.forEach((o, i) => {
    const k = known[i]!;
    if (o.op === 'record')
      claims.push({ claimId: `c${i + 1}`, recorded: k, sourceId: o.source, versions: [versionOf(k, o.body)] });
    else if (o.op === 'correct' && claims.length > 0) {
      const claim = claims[o.target % claims.length]!;
      // A retracted claim cannot be corrected, and a correction keeps the claim's kind.
      if (!claim.retracted) claim.versions.push(versionOf(k, o.body, claim.versions[0]!.kind as Body['kind']));
    } else if (o.op === 'retract' && claims.length > 0) {
      const claim = claims[o.target % claims.length]!;
      claim.retracted ??= k;
    } else if (o.op === 'revise') sources.set(o.source, [...(sources.get(o.source) ?? []), { ...k, reliability: o.reliability }]);
  });
  const reliabilityOf: ReliabilityOf = (sourceId, cutoff) => reliabilityAt(sources.get(sourceId) ?? [], cutoff);
  return { claims, reliabilityOf, known };
};

/** The oracle: replay the ops known at K into current claims, filter, sort, fold — the DESIGN text, literally. */
const reference = (ops: readonly Stamped[], place: string, at: string, cutoff: Cutoff, minGrade: Grade | undefined) => {
  const known = knownOf(ops);
  const isKnown = (k: Known) =>
    (cutoff.position === undefined || k.position <= cutoff.position) &&
    (cutoff.instant === undefined || Date.parse(k.recordedAt) <= Date.parse(cutoff.instant));
  const current = new Map<number, { id: string; order: number; body: Body; source: string; retracted: boolean }>();
  const order: number[] = [];
  const reliabilities = new Map<string, Reliability>();
  ops.forEach((o, i) => {
    if (!isKnown(known[i]!)) return;
    if (o.op === 'record') {
      current.set(i, { id: `c${i + 1}`, order: i, body: o.body, source: o.source, retracted: false });
      order.push(i);
    } else if (o.op === 'revise') reliabilities.set(o.source, o.reliability);
    else {
      // Targets index the claims recorded so far, whether known at K or not.
      const recordedSoFar = ops.slice(0, i).flatMap((x, j) => (x.op === 'record' ? [j] : []));
      if (recordedSoFar.length === 0) return;
      const claim = current.get(recordedSoFar[o.target % recordedSoFar.length]!);
      if (!claim) return;
      if (o.op === 'retract') claim.retracted = true;
      else if (!claim.retracted) claim.body = { ...o.body, kind: claim.body.kind };
    }
  });
  const effective = order
    .map((i) => current.get(i)!)
    .filter((c) => !c.retracted && c.body.place === place && c.body.kind !== 'meeting' && startOf(c.body.date) <= at)
    .filter((c) => {
      if (minGrade === undefined) return true;
      const r = reliabilities.get(c.source);
      return r !== undefined && meetsMinimum(gradeOf(r, c.body.credibility as 1), minGrade);
    })
    .sort((x, y) =>
      startOf(x.body.date) < startOf(y.body.date) ? -1 : startOf(x.body.date) > startOf(y.body.date) ? 1 : x.order - y.order,
    );
  let shares: Record<string, number> = {};
  for (const { body: b } of effective) {
    if (b.kind === 'control') {
      const t = Object.entries(shares).reduce((sum, [actor, s]) => (actor === b.actor ? sum : sum + s), 0);
      if (t > 1 - b.share) for (const actor of Object.keys(shares)) if (actor !== b.actor) shares[actor]! *= (1 - b.share) / t;
      shares[b.actor] = b.share;
    } else {
      const w = shares[b.actor] ?? 0;
      delete shares[b.actor];
      if (b.inFavourOf !== undefined) shares[b.inFavourOf] = (shares[b.inFavourOf] ?? 0) + w;
    }
    shares = Object.fromEntries(Object.entries(shares).filter(([, s]) => s >= 1e-9));
  }
  return { shares, claimIds: effective.map((c) => c.id) };
};

const cutoffArb = (n: number, known: readonly Known[]): fc.Arbitrary<Cutoff> =>
  fc.oneof(
    { weight: 5, arbitrary: fc.constant({}) },
    fc.integer({ min: 0, max: n }).map((p) => ({ position: BigInt(p) })),
    fc.integer({ min: 0, max: n - 1 }).map((i) => ({ instant: known[i]!.recordedAt })),
    fc
      .tuple(fc.integer({ min: 0, max: n }), fc.integer({ min: 0, max: n - 1 }))
      .map(([p, i]) => ({ position: BigInt(p), instant: known[i]!.recordedAt })),
  );
/** Days from December 2017 to April 2019, weighted to the autumn of 2018 where most generated claims start, and to their first days. */
const dayFrom = (min: number, max: number) =>
  fc.integer({ min, max }).map((n) => new Date(Date.UTC(2017, 11, 1 + n)).toISOString().slice(0, 10));
const day = fc.oneof(
  { weight: 3, arbitrary: dayFrom(320, 420) },
  { weight: 1, arbitrary: dayFrom(0, 500) },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      '2017-12-31',
      '2018-01-01',
      '2018-10-01',
      '2018-10-15',
      '2018-11-12',
      '2018-11-13',
      '2018-11-20',
      '2019-01-01',
    ),
  },
);
const minGradeArb = fc.option(fc.constantFrom<Grade>('A1', 'B3', 'C4', 'F6'), { nil: undefined, freq: 2 });

/** A generated ledger with a question to ask it. */
const scenario = log.chain((ops) => {
  const { known } = knowledgeOf(ops);
  return fc.record({
    ops: fc.constant(ops),
    place: fc.constantFrom('p', 'p', 'q'),
    at: day,
    cutoff: cutoffArb(ops.length, known),
    minGrade: minGradeArb,
  });
});

const ask = (
  claims: readonly ClaimKnowledge[],
  s: { place: string; at: string; cutoff: Cutoff; minGrade: Grade | undefined },
  r: ReliabilityOf,
) => controlAt(claims, s.place, { at: s.at, cutoff: s.cutoff, minGrade: s.minGrade }, r);

const checkInvariants = (state: ControlState) => {
  let sum = 0;
  for (const { share } of state.shares) {
    expect(share).toBeGreaterThan(0);
    expect(share).toBeLessThanOrEqual(1);
    sum += share;
  }
  expect(sum).toBeLessThanOrEqual(1 + 1e-9);
  expect(state.unattributed).toBeGreaterThanOrEqual(0);
  expect(state.unattributed).toBeLessThanOrEqual(1);
  expect(Math.abs(state.unattributed - (1 - sum))).toBeLessThan(1e-9);
  expect(new Set(state.shares.map((s) => s.actorId)).size).toBe(state.shares.length);
  for (let i = 1; i < state.shares.length; i++) expect(state.shares[i - 1]!.share).toBeGreaterThanOrEqual(state.shares[i]!.share);
  expect(state.status === 'unknown').toBe(state.shares.length === 0);
  if (state.controller !== null) expect(state.shares[0]).toMatchObject({ actorId: state.controller });
  if (state.controller === null) expect(state.grade).toBeNull();
  expect(state.lastClaimAt === null).toBe(state.claimIds.length === 0);
};

describe('control properties', () => {
  it('every share is in (0, 1], they sum to at most 1, and the state is consistent with them', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const { claims, reliabilityOf } = knowledgeOf(s.ops);
        checkInvariants(ask(claims, s, reliabilityOf));
      }),
      { numRuns: 300 },
    );
  });

  it('agrees with a reference implementation that replays the known prefix of the log', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const { claims, reliabilityOf } = knowledgeOf(s.ops);
        const state = ask(claims, s, reliabilityOf);
        const expected = reference(s.ops, s.place, s.at, s.cutoff, s.minGrade);
        expect(state.claimIds).toEqual(expected.claimIds);
        const actual = Object.fromEntries(state.shares.map((x) => [x.actorId, x.share]));
        expect(Object.keys(actual).sort()).toEqual(Object.keys(expected.shares).sort());
        for (const [actor, share] of Object.entries(expected.shares)) expect(Math.abs(actual[actor]! - share)).toBeLessThan(1e-9);
        // The controller, where no share sits on the 0.5 boundary (within float noise)
        const values = Object.values(expected.shares);
        if (values.every((v) => Math.abs(v - 0.5) > 1e-9)) {
          const top = Object.entries(expected.shares).find(([, v]) => v > 0.5)?.[0] ?? null;
          expect(state.controller).toBe(top);
        }
        const single = values.length === 1 && Math.abs(values[0]! - 1) <= 1e-9;
        expect(state.status).toBe(values.length === 0 ? 'unknown' : single ? 'controlled' : 'contested');
      }),
      { numRuns: 500 },
    );
  });

  it('does not depend on the order the claims are given in', () => {
    fc.assert(
      fc.property(
        scenario.chain((s) => {
          const { claims } = knowledgeOf(s.ops);
          return fc.record({
            s: fc.constant(s),
            shuffled: fc.shuffledSubarray(claims, { minLength: claims.length, maxLength: claims.length }),
          });
        }),
        ({ s, shuffled }) => {
          const { claims, reliabilityOf } = knowledgeOf(s.ops);
          expect(ask(shuffled, s, reliabilityOf)).toEqual(ask(claims, s, reliabilityOf));
          expect(controlHistory(shuffled, s.place, s, reliabilityOf)).toEqual(controlHistory(claims, s.place, s, reliabilityOf));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('is deterministic: replaying the log twice gives the same result, and asking twice does not change it', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const first = knowledgeOf(s.ops);
        const second = knowledgeOf(s.ops);
        const answer = ask(first.claims, s, first.reliabilityOf);
        expect(ask(second.claims, s, second.reliabilityOf)).toEqual(answer);
        expect(ask(first.claims, s, first.reliabilityOf)).toEqual(answer);
        expect(first.claims).toEqual(second.claims);
      }),
      { numRuns: 200 },
    );
  });

  it('the timeline and the history at any date D agree with controlAt(D)', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const { claims, reliabilityOf } = knowledgeOf(s.ops);
        const state = ask(claims, s, reliabilityOf);
        const query = { cutoff: s.cutoff, minGrade: s.minGrade };
        expect(stateAt(controlTimeline(claims, s.place, query, reliabilityOf), s.at)).toEqual(state);
        const history = controlHistory(claims, s.place, query, reliabilityOf);
        const segment = history.find((g) => g.from <= s.at && (g.to === null || s.at < g.to));
        if (segment === undefined) {
          expect(history[0] === undefined || s.at < history[0].from).toBe(true);
          expect(state.status).toBe('unknown');
        } else {
          expect(segment.status).toBe(state.status);
          expect(segment.controller).toBe(state.controller);
          expect(segment.shares).toEqual(state.shares.map(({ actorId, share: x }) => ({ actorId, share: x })));
        }
        // Segments tile valid time from the first claim on, and neighbours always differ
        for (let i = 1; i < history.length; i++) {
          expect(history[i]!.from).toBe(history[i - 1]!.to);
          expect([history[i]!.status, history[i]!.controller, history[i]!.shares]).not.toEqual([
            history[i - 1]!.status,
            history[i - 1]!.controller,
            history[i - 1]!.shares,
          ]);
        }
        expect(history.flatMap((g) => g.claimIds)).toEqual(
          stateAt(controlTimeline(claims, s.place, query, reliabilityOf), '9999-12-31').claimIds,
        );
      }),
      { numRuns: 200 },
    );
  });

  it('controlChanges lists exactly the days whose state differs from the day before', () => {
    const previousDay = (d: string) => new Date(Date.parse(`${d}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    fc.assert(
      fc.property(scenario, fc.integer({ min: 0, max: 400 }), (s, length) => {
        const { claims, reliabilityOf } = knowledgeOf(s.ops);
        const from = s.at;
        const to = new Date(Date.parse(`${from}T00:00:00Z`) + length * 86_400_000).toISOString().slice(0, 10);
        const query = { cutoff: s.cutoff, minGrade: s.minGrade };
        const changes = controlChanges(claims, s.place, { ...query, from, to }, reliabilityOf);
        const expected: string[] = [];
        for (let d = from; d <= to; d = new Date(Date.parse(`${d}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10)) {
          const before = controlAt(claims, s.place, { ...query, at: previousDay(d) }, reliabilityOf);
          const after = controlAt(claims, s.place, { ...query, at: d }, reliabilityOf);
          if (!sameControl(before, after)) expected.push(d);
        }
        expect(changes.map((c) => c.date)).toEqual(expected);
        for (const c of changes) {
          const { claimIds: _b, ...before } = controlAt(claims, s.place, { ...query, at: previousDay(c.date) }, reliabilityOf);
          const { claimIds: _a, ...after } = controlAt(claims, s.place, { ...query, at: c.date }, reliabilityOf);
          expect(c.before).toEqual(before);
          expect(c.after).toEqual(after);
        }
      }),
      { numRuns: 100 },
    );
  });
});
