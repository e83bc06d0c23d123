import { describe, expect, it } from 'vitest';
import {
  type ControlTimeline,
  changesOf,
  claimsOfStep,
  controlChanges,
  controlHistory,
  controlTimeline,
  stateAt,
  UNKNOWN,
} from '../../projections/control/index.js';
import { type ControlLedger, given } from './controlLedger.js';

/** History (segments over valid time) and replay (the days control changed), as known at K. */
const historyOf = (ledger: ControlLedger, place = 'al-susa', cutoff = {}) =>
  controlHistory(ledger.claims, place, { cutoff }, ledger.reliabilityOf);

const alSusa = () =>
  given()
    .source('al-furat-post', 'C')
    .source('al-quds-al-arabi', 'B')
    .claim('isis-holds', { actor: 'isis', share: 1, date: '2018-10', source: 'al-furat-post', credibility: 2 })
    .claim('sdf-80', { actor: 'sdf', share: 0.8, date: '2018-11-13', source: 'al-quds-al-arabi', credibility: 3 });

describe('controlHistory', () => {
  it('al-Susa: ISIS from 1 October, contested from 13 November (no segment for the unknown time before)', () => {
    expect(historyOf(alSusa())).toEqual([
      {
        from: '2018-10-01',
        to: '2018-11-13',
        status: 'controlled',
        controller: 'isis',
        shares: [{ actorId: 'isis', share: 1 }],
        claimIds: ['isis-holds'],
      },
      {
        from: '2018-11-13',
        to: null,
        status: 'contested',
        controller: 'sdf',
        shares: [
          { actorId: 'sdf', share: 0.8 },
          { actorId: 'isis', share: 0.2 },
        ],
        claimIds: ['sdf-80'],
      },
    ]);
  });

  it('a claim that re-asserts the same shares does not split a segment', () => {
    const ledger = alSusa().claim('sdf-80-again', { actor: 'sdf', share: 0.8, date: '2018-11-20' });
    expect(historyOf(ledger).map((s) => [s.from, s.to, s.claimIds])).toEqual([
      ['2018-10-01', '2018-11-13', ['isis-holds']],
      ['2018-11-13', null, ['sdf-80', 'sdf-80-again']],
    ]);
  });

  it('the time after the last holder withdraws is an unknown segment', () => {
    const ledger = alSusa()
      .claim('sdf-leaves', { kind: 'withdrawal', actor: 'sdf', date: '2018-12-01' })
      .claim('isis-leaves', { kind: 'withdrawal', actor: 'isis', date: '2018-12-05' });
    expect(historyOf(ledger).map((s) => [s.from, s.to, s.status, s.controller, s.shares])).toEqual([
      ['2018-10-01', '2018-11-13', 'controlled', 'isis', [{ actorId: 'isis', share: 1 }]],
      [
        '2018-11-13',
        '2018-12-01',
        'contested',
        'sdf',
        [
          { actorId: 'sdf', share: 0.8 },
          { actorId: 'isis', share: 0.2 },
        ],
      ],
      ['2018-12-01', '2018-12-05', 'contested', null, [{ actorId: 'isis', share: 0.2 }]],
      ['2018-12-05', null, 'unknown', null, []],
    ]);
  });

  it('history is as known at K: a correction rewrites it only for cutoffs after it', () => {
    const ledger = alSusa();
    const before = ledger.now;
    ledger.correct('sdf-80', { date: '2018-11-20', share: 1 });
    expect(historyOf(ledger, 'al-susa', before).map((s) => [s.from, s.controller])).toEqual([
      ['2018-10-01', 'isis'],
      ['2018-11-13', 'sdf'],
    ]);
    expect(historyOf(ledger).map((s) => [s.from, s.to, s.status, s.controller])).toEqual([
      ['2018-10-01', '2018-11-20', 'controlled', 'isis'],
      ['2018-11-20', null, 'controlled', 'sdf'],
    ]);
  });

  it('a place without effective claims has no history', () => {
    expect(historyOf(alSusa(), 'hajin')).toEqual([]);
  });
});

describe('the timeline (what a service caches per place)', () => {
  const timeline = (): ControlTimeline => {
    const ledger = alSusa().claim('ypg', { actor: 'ypg', share: 0.1, date: '2018-11-13' });
    return controlTimeline(ledger.claims, 'al-susa', { cutoff: {} }, ledger.reliabilityOf);
  };

  it('has one step per valid start, the claims of a day acting together', () => {
    const t = timeline();
    expect(t.steps.map((s) => [s.from, s.to, s.claimCount])).toEqual([
      ['2018-10-01', '2018-11-13', 1],
      ['2018-11-13', null, 3],
    ]);
    expect(claimsOfStep(t, 1)).toEqual(['sdf-80', 'ypg']);
  });

  it.each([
    ['2018-09-30', 'unknown', null, []],
    ['2018-10-01', 'controlled', 'isis', ['isis-holds']],
    ['2018-11-12', 'controlled', 'isis', ['isis-holds']],
    ['2018-11-13', 'contested', 'sdf', ['isis-holds', 'sdf-80', 'ypg']],
    ['2030-01-01', 'contested', 'sdf', ['isis-holds', 'sdf-80', 'ypg']],
  ] as const)('stateAt %s: %s, controller %s', (at, status, controller, claimIds) => {
    expect(stateAt(timeline(), at)).toMatchObject({ status, controller, claimIds });
  });
});

describe('controlChanges (replay, step day)', () => {
  const ledger = () =>
    alSusa()
      .claim('sdf-80-again', { actor: 'sdf', share: 0.8, date: '2018-11-20' })
      .claim('sdf-all', { actor: 'sdf', share: 1, date: '2018-12' });
  const changes = (from: string, to: string, l = ledger()) =>
    controlChanges(l.claims, 'al-susa', { from, to, cutoff: {} }, l.reliabilityOf);

  it('every day the state differs from the day before, with the claims that took effect that day', () => {
    expect(changes('2018-01-01', '2018-12-31')).toEqual([
      {
        date: '2018-10-01',
        placeId: 'al-susa',
        before: UNKNOWN,
        after: {
          status: 'controlled',
          controller: 'isis',
          shares: [{ actorId: 'isis', share: 1, since: '2018-10' }],
          unattributed: 0,
          lastClaimAt: '2018-10',
          grade: 'C2',
        },
        claimIds: ['isis-holds'],
      },
      {
        date: '2018-11-13',
        placeId: 'al-susa',
        before: expect.objectContaining({ status: 'controlled', controller: 'isis' }),
        after: expect.objectContaining({ status: 'contested', controller: 'sdf', grade: 'B3' }),
        claimIds: ['sdf-80'],
      },
      // 20 Nov only re-asserts 80%: no change
      {
        date: '2018-12-01',
        placeId: 'al-susa',
        before: expect.objectContaining({ status: 'contested', lastClaimAt: '2018-11-20' }),
        after: expect.objectContaining({
          status: 'controlled',
          controller: 'sdf',
          shares: [{ actorId: 'sdf', share: 1, since: '2018-12' }],
        }),
        claimIds: ['sdf-all'],
      },
    ]);
  });

  it.each([
    { from: '2018-10-02', to: '2018-12-31', dates: ['2018-11-13', '2018-12-01'], why: 'a change before the range is left out' },
    { from: '2018-10-01', to: '2018-11-13', dates: ['2018-10-01', '2018-11-13'], why: 'both ends are inclusive' },
    { from: '2018-11-13', to: '2018-11-13', dates: ['2018-11-13'], why: 'a one-day range' },
    { from: '2018-11-14', to: '2018-11-30', dates: [], why: 'a range with only a re-assertion' },
    { from: '2019-01-01', to: '2019-12-31', dates: [], why: 'a range after the last claim' },
    { from: '2018-12-31', to: '2018-01-01', dates: [], why: 'an empty (reversed) range' },
  ])('$from to $to: $why', ({ from, to, dates }) => {
    expect(changes(from, to).map((c) => c.date)).toEqual(dates);
  });

  it('the first change in a range starting mid-history has the state of the day before as `before`', () => {
    const [first] = changes('2018-11-14', '2018-12-31');
    expect(first).toMatchObject({ date: '2018-12-01', before: { controller: 'sdf', shares: [{ share: 0.8 }, { share: 0.2 }] } });
  });

  it('the last holder leaving is a change to unknown', () => {
    const l = alSusa().claim('isis-leaves', { kind: 'withdrawal', actor: 'isis', date: '2018-11-01' });
    expect(changes('2018-01-01', '2018-12-31', l).map((c) => [c.date, c.before.status, c.after.status])).toEqual([
      ['2018-10-01', 'unknown', 'controlled'],
      ['2018-11-01', 'controlled', 'unknown'],
      ['2018-11-13', 'unknown', 'contested'],
    ]);
  });

  it('changesOf a cached timeline answers the same as controlChanges', () => {
    const l = ledger();
    const t = controlTimeline(l.claims, 'al-susa', { cutoff: {} }, l.reliabilityOf);
    expect(changesOf(t, 'al-susa', '2018-01-01', '2018-12-31')).toEqual(changes('2018-01-01', '2018-12-31', l));
  });
});
