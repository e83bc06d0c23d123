import { describe, expect, it } from 'vitest';
import { controlAt } from '../../projections/control/index.js';
import { type ClaimSpec, given } from './controlLedger.js';

/**
 * DESIGN "Territorial control", steps 2 and 3, worked by hand. Every claim is about al-Susa
 * unless it says otherwise, recorded in the order listed, and everything recorded is known.
 */
interface Case {
  readonly name: string;
  readonly given: readonly (ClaimSpec & { readonly id?: string })[];
  readonly at: string;
  readonly expected: {
    readonly status: 'unknown' | 'controlled' | 'contested';
    readonly controller: string | null;
    /** [actorId, share, since] */
    readonly shares: readonly (readonly [string, number, string])[];
    readonly unattributed: number;
  };
}

const control = (actor: string, share: number, date: string): ClaimSpec => ({ kind: 'control', actor, share, date });
const withdrawal = (actor: string, date: string, inFavourOf?: string): ClaimSpec => ({
  kind: 'withdrawal',
  actor,
  date,
  ...(inFavourOf ? { inFavourOf } : {}),
});

const cases: Case[] = [
  {
    name: 'al-Susa: SDF claims 80% of a place ISIS holds, so ISIS is scaled by 0.2/1',
    given: [control('isis', 1, '2018-10'), control('sdf', 0.8, '2018-11-13')],
    at: '2018-11-14',
    expected: {
      status: 'contested',
      controller: 'sdf',
      shares: [
        ['sdf', 0.8, '2018-11-13'],
        ['isis', 0.2, '2018-10'],
      ],
      unattributed: 0,
    },
  },
  {
    name: 'al-Susa the day before the SDF claim is valid: ISIS alone',
    given: [control('isis', 1, '2018-10'), control('sdf', 0.8, '2018-11-13')],
    at: '2018-11-12',
    expected: { status: 'controlled', controller: 'isis', shares: [['isis', 1, '2018-10']], unattributed: 0 },
  },
  {
    name: 'several actors are scaled together by (1 − s)/T: A 0.5, B 0.3, C 0.2, then D 0.6 → × 0.4/1.0',
    given: [
      control('a', 0.5, '2018-01-01'),
      control('b', 0.3, '2018-01-02'),
      control('c', 0.2, '2018-01-03'),
      control('d', 0.6, '2018-02-01'),
    ],
    at: '2018-02-01',
    expected: {
      status: 'contested',
      controller: 'd',
      shares: [
        ['d', 0.6, '2018-02-01'],
        ['a', 0.2, '2018-01-01'],
        ['b', 0.12, '2018-01-02'],
        ['c', 0.08, '2018-01-03'],
      ],
      unattributed: 0,
    },
  },
  {
    name: 'a share that fits beside the others (T ≤ 1 − s) scales nobody',
    given: [control('a', 0.3, '2018-01-01'), control('b', 0.5, '2018-01-02')],
    at: '2018-01-02',
    expected: {
      status: 'contested',
      controller: null,
      shares: [
        ['b', 0.5, '2018-01-02'],
        ['a', 0.3, '2018-01-01'],
      ],
      unattributed: 0.2,
    },
  },
  {
    name: 'a share that exactly fits (T = 1 − s) scales nobody',
    given: [control('a', 0.4, '2018-01-01'), control('b', 0.6, '2018-01-02')],
    at: '2018-01-02',
    expected: {
      status: 'contested',
      controller: 'b',
      shares: [
        ['b', 0.6, '2018-01-02'],
        ['a', 0.4, '2018-01-01'],
      ],
      unattributed: 0,
    },
  },
  {
    name: 'an actor raising its own share scales only the others (T excludes its old share): B × 0.2/0.4',
    given: [control('a', 0.6, '2018-01-01'), control('b', 0.4, '2018-01-02'), control('a', 0.8, '2018-01-03')],
    at: '2018-01-03',
    expected: {
      status: 'contested',
      controller: 'a',
      shares: [
        ['a', 0.8, '2018-01-03'],
        ['b', 0.2, '2018-01-02'],
      ],
      unattributed: 0,
    },
  },
  {
    name: 'scaling keeps the proportions among the others: A 0.6, B 0.2 × 0.5/0.8 beside C 0.5',
    given: [control('a', 0.6, '2018-01-01'), control('b', 0.2, '2018-01-02'), control('c', 0.5, '2018-01-03')],
    at: '2018-01-03',
    expected: {
      status: 'contested',
      controller: null,
      shares: [
        ['c', 0.5, '2018-01-03'],
        ['a', 0.375, '2018-01-01'],
        ['b', 0.125, '2018-01-02'],
      ],
      unattributed: 0,
    },
  },
  {
    name: 'a share of 1 scales every other actor to 0, and they are dropped',
    given: [control('a', 0.5, '2018-01-01'), control('b', 0.5, '2018-01-02'), control('c', 1, '2018-01-03')],
    at: '2018-01-03',
    expected: { status: 'controlled', controller: 'c', shares: [['c', 1, '2018-01-03']], unattributed: 0 },
  },
  {
    name: 'a withdrawal in favour of another actor hands over the whole share',
    given: [control('a', 0.6, '2018-01-01'), control('b', 0.3, '2018-01-02'), withdrawal('a', '2018-01-03', 'b')],
    at: '2018-01-03',
    expected: { status: 'contested', controller: 'b', shares: [['b', 0.9, '2018-01-03']], unattributed: 0.1 },
  },
  {
    name: 'al-Mayadin: the IRGC withdraws in favour of Russian units, which held nothing there',
    given: [
      { ...control('irgc', 1, '2018'), place: 'al-mayadin' },
      { ...withdrawal('irgc', '2018-10', 'russia'), place: 'al-mayadin' },
    ],
    at: '2018-11-14',
    expected: { status: 'controlled', controller: 'russia', shares: [['russia', 1, '2018-10']], unattributed: 0 },
  },
  {
    name: 'a withdrawal without inFavourOf leaves its share unattributed',
    given: [control('a', 0.7, '2018-01-01'), control('b', 0.3, '2018-01-02'), withdrawal('a', '2018-01-03')],
    at: '2018-01-03',
    expected: { status: 'contested', controller: null, shares: [['b', 0.3, '2018-01-02']], unattributed: 0.7 },
  },
  {
    name: 'the last holder withdrawing leaves the place unknown',
    given: [control('a', 1, '2018-01-01'), withdrawal('a', '2018-01-02')],
    at: '2018-01-02',
    expected: { status: 'unknown', controller: null, shares: [], unattributed: 1 },
  },
  {
    name: 'a withdrawal by an actor holding nothing changes nothing, even in favour of another',
    given: [control('a', 1, '2018-01-01'), withdrawal('b', '2018-01-02', 'c')],
    at: '2018-01-02',
    expected: { status: 'controlled', controller: 'a', shares: [['a', 1, '2018-01-01']], unattributed: 0 },
  },
  {
    name: 'one actor alone with less than all of it: contested, with a controller',
    given: [control('a', 0.8, '2018-01-01')],
    at: '2018-01-01',
    expected: { status: 'contested', controller: 'a', shares: [['a', 0.8, '2018-01-01']], unattributed: 0.2 },
  },
  {
    name: 'one actor alone with a share within 1e-9 of 1: controlled',
    given: [control('a', 0.9999999995, '2018-01-01')],
    at: '2018-01-01',
    expected: { status: 'controlled', controller: 'a', shares: [['a', 0.9999999995, '2018-01-01']], unattributed: 5e-10 },
  },
  {
    name: 'one actor alone with a share 1e-8 short of 1: contested',
    given: [control('a', 0.99999999, '2018-01-01')],
    at: '2018-01-01',
    expected: { status: 'contested', controller: 'a', shares: [['a', 0.99999999, '2018-01-01']], unattributed: 1e-8 },
  },
  {
    name: 'two halves: contested, and nobody holds more than half',
    given: [control('a', 0.5, '2018-01-01'), control('b', 0.5, '2018-01-02')],
    at: '2018-01-02',
    expected: {
      status: 'contested',
      controller: null,
      shares: [
        ['a', 0.5, '2018-01-01'],
        ['b', 0.5, '2018-01-02'],
      ],
      unattributed: 0,
    },
  },
  {
    name: 'a share below 1e-9 is dropped: the place stays unknown',
    given: [control('a', 5e-10, '2018-01-01')],
    at: '2018-01-01',
    expected: { status: 'unknown', controller: null, shares: [], unattributed: 1 },
  },
  {
    name: 'others scaled below 1e-9 are dropped (× 1e-10), and what is left is controlled within 1e-9',
    given: [control('a', 0.5, '2018-01-01'), control('b', 0.5, '2018-01-02'), control('c', 0.9999999999, '2018-01-03')],
    at: '2018-01-03',
    expected: { status: 'controlled', controller: 'c', shares: [['c', 0.9999999999, '2018-01-03']], unattributed: 1e-10 },
  },
  {
    name: 'a month-precision claim applies from the 1st of the month…',
    given: [control('a', 1, '2018-11')],
    at: '2018-11-01',
    expected: { status: 'controlled', controller: 'a', shares: [['a', 1, '2018-11']], unattributed: 0 },
  },
  {
    name: '…and not the day before',
    given: [control('a', 1, '2018-11')],
    at: '2018-10-31',
    expected: { status: 'unknown', controller: null, shares: [], unattributed: 1 },
  },
  {
    name: 'a year-precision claim applies from 1 January…',
    given: [control('a', 1, '2018')],
    at: '2018-01-01',
    expected: { status: 'controlled', controller: 'a', shares: [['a', 1, '2018']], unattributed: 0 },
  },
  {
    name: '…and not on 31 December before',
    given: [control('a', 1, '2018')],
    at: '2017-12-31',
    expected: { status: 'unknown', controller: null, shares: [], unattributed: 1 },
  },
  {
    name: 'fold order is valid time, not recording order: a claim recorded later about an earlier date folds first',
    given: [control('b', 1, '2018-11-13'), control('a', 1, '2018-10')],
    at: '2018-11-14',
    expected: { status: 'controlled', controller: 'b', shares: [['b', 1, '2018-11-13']], unattributed: 0 },
  },
  {
    name: 'claims of one valid start fold in recording order: the later recording wins',
    given: [control('a', 1, '2018-11-13'), control('b', 1, '2018-11-13')],
    at: '2018-11-13',
    expected: { status: 'controlled', controller: 'b', shares: [['b', 1, '2018-11-13']], unattributed: 0 },
  },
  {
    name: '`2018-11` and `2018-11-01` share a valid start: recording order decides (month recorded last)',
    given: [control('a', 1, '2018-11-01'), control('b', 1, '2018-11')],
    at: '2018-11-01',
    expected: { status: 'controlled', controller: 'b', shares: [['b', 1, '2018-11']], unattributed: 0 },
  },
  {
    name: '`2018-11` and `2018-11-01` share a valid start: recording order decides (day recorded last)',
    given: [control('b', 1, '2018-11'), control('a', 1, '2018-11-01')],
    at: '2018-11-01',
    expected: { status: 'controlled', controller: 'a', shares: [['a', 1, '2018-11-01']], unattributed: 0 },
  },
  {
    name: 'other kinds of claim (a meeting, an airstrike) do not touch control',
    given: [
      control('a', 1, '2018-01-01'),
      { kind: 'meeting', actor: 'b', date: '2018-01-02' },
      { kind: 'airstrike', actor: 'c', date: '2018-01-03' },
    ],
    at: '2018-01-03',
    expected: { status: 'controlled', controller: 'a', shares: [['a', 1, '2018-01-01']], unattributed: 0 },
  },
  {
    name: "another place's claims do not touch this place",
    given: [control('a', 1, '2018-01-01'), { ...control('b', 1, '2018-01-02'), place: 'hajin' }],
    at: '2018-01-03',
    expected: { status: 'controlled', controller: 'a', shares: [['a', 1, '2018-01-01']], unattributed: 0 },
  },
  {
    name: 'no claims: unknown',
    given: [],
    at: '2018-01-01',
    expected: { status: 'unknown', controller: null, shares: [], unattributed: 1 },
  },
];

describe('the control fold (DESIGN steps 2–3)', () => {
  it.each(cases)('$name', ({ given: claims, at, expected }) => {
    // Given
    const ledger = given();
    claims.forEach((spec, i) => {
      ledger.claim(spec.id ?? `claim-${i + 1}`, spec);
    });
    const place = claims[0]?.place ?? 'al-susa';

    // When
    const state = controlAt(ledger.claims, place, { at, cutoff: {} }, ledger.reliabilityOf);

    // Then
    expect({
      status: state.status,
      controller: state.controller,
      shares: state.shares.map((s) => [s.actorId, s.share, s.since]),
      unattributed: state.unattributed,
    }).toEqual(expected);
  });
});
