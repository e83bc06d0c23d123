import { describe, expect, it } from 'vitest';
import type { Grade } from '../../domain/grades.js';
import { type Cutoff, controlAt } from '../../projections/control/index.js';
import { type ControlLedger, given, stampOf } from './controlLedger.js';

/**
 * DESIGN steps 1 and 5: what counts is what the ledger knew at K — recordings, corrections,
 * retractions and reliability revisions up to K — and, under minGrade, how well graded it was.
 */
const control = (ledger: ControlLedger, at: string, cutoff: Cutoff = {}, place = 'al-susa', minGrade?: Grade) => {
  const s = controlAt(ledger.claims, place, { at, cutoff, minGrade }, ledger.reliabilityOf);
  return {
    status: s.status,
    controller: s.controller,
    shares: s.shares.map((x) => [x.actorId, x.share]),
    grade: s.grade,
    claimIds: s.claimIds,
  };
};

const alSusa = () =>
  given()
    .source('al-furat-post', 'C')
    .source('al-quds-al-arabi', 'B')
    .claim('isis-holds', { actor: 'isis', share: 1, date: '2018-10', source: 'al-furat-post', credibility: 2 })
    .claim('sdf-80', { actor: 'sdf', share: 0.8, date: '2018-11-13', source: 'al-quds-al-arabi', credibility: 3 });

describe('corrections (the latest correction known at K applies)', () => {
  it('a corrected share counts only for cutoffs after the correction', () => {
    // Given the SDF claim, then a correction to 60%
    const ledger = alSusa();
    const beforeCorrection = ledger.now;
    ledger.correct('sdf-80', { share: 0.6 });
    // When / Then
    expect(control(ledger, '2018-11-14', beforeCorrection).shares).toEqual([
      ['sdf', 0.8],
      ['isis', 0.2],
    ]);
    expect(control(ledger, '2018-11-14').shares).toEqual([
      ['sdf', 0.6],
      ['isis', 0.4],
    ]);
  });

  it('a correction that moves the claim to another place takes it away from this one, from then on', () => {
    const ledger = alSusa();
    const beforeCorrection = ledger.now;
    ledger.correct('sdf-80', { place: 'hajin' });
    expect(control(ledger, '2018-11-14', beforeCorrection)).toMatchObject({
      controller: 'sdf',
      claimIds: ['isis-holds', 'sdf-80'],
    });
    expect(control(ledger, '2018-11-14')).toMatchObject({ status: 'controlled', controller: 'isis', claimIds: ['isis-holds'] });
    expect(control(ledger, '2018-11-14', beforeCorrection, 'hajin')).toMatchObject({ status: 'unknown', claimIds: [] });
    expect(control(ledger, '2018-11-14', {}, 'hajin')).toMatchObject({
      status: 'contested',
      controller: 'sdf',
      shares: [['sdf', 0.8]],
    });
  });

  it('a correction of the valid date moves the claim in valid time', () => {
    const ledger = alSusa();
    const beforeCorrection = ledger.now;
    ledger.correct('sdf-80', { date: '2018-12' });
    expect(control(ledger, '2018-11-20', beforeCorrection).controller).toBe('sdf');
    expect(control(ledger, '2018-11-20').controller).toBe('isis');
    expect(control(ledger, '2018-12-01').controller).toBe('sdf');
  });

  it('of several corrections, the latest known at K applies', () => {
    const ledger = alSusa();
    ledger.correct('sdf-80', { share: 0.6 });
    const afterFirst = ledger.now;
    ledger.correct('sdf-80', { share: 0.3 });
    expect(control(ledger, '2018-11-14', afterFirst).shares).toEqual([
      ['sdf', 0.6],
      ['isis', 0.4],
    ]);
    expect(control(ledger, '2018-11-14').shares).toEqual([
      ['isis', 0.7],
      ['sdf', 0.3],
    ]);
  });

  it('a corrected credibility regrades the claim from the correction on', () => {
    const ledger = alSusa();
    const beforeCorrection = ledger.now;
    ledger.correct('sdf-80', { credibility: 2 });
    expect(control(ledger, '2018-11-14', beforeCorrection).grade).toBe('B3');
    expect(control(ledger, '2018-11-14').grade).toBe('B2');
  });
});

describe('retractions (a retraction known at K removes the claim)', () => {
  it('a retracted claim counts only for cutoffs before the retraction', () => {
    const ledger = alSusa();
    const beforeRetraction = ledger.now;
    ledger.retract('sdf-80');
    expect(control(ledger, '2018-11-14', beforeRetraction)).toMatchObject({ status: 'contested', controller: 'sdf' });
    expect(control(ledger, '2018-11-14')).toMatchObject({ status: 'controlled', controller: 'isis', claimIds: ['isis-holds'] });
  });

  it('a retraction removes the claim in every version, corrections included', () => {
    const ledger = alSusa().correct('sdf-80', { share: 0.6 }).retract('sdf-80');
    expect(control(ledger, '2018-11-14')).toMatchObject({ controller: 'isis', claimIds: ['isis-holds'] });
  });
});

describe('back-dated reporting', () => {
  it('a claim recorded later about an earlier date changes the past only for cutoffs after its recording', () => {
    // Given ISIS (October) and the SDF taking all of al-Susa on 13 Nov…
    const ledger = given()
      .claim('isis-holds', { actor: 'isis', share: 1, date: '2018-10' })
      .claim('sdf-takes-all', { actor: 'sdf', share: 1, date: '2018-11-13' });
    const beforeBackDated = ledger.now;
    // …then the ledger learns the SDF already held half on 20 Oct
    ledger.claim('sdf-half-in-october', { actor: 'sdf', share: 0.5, date: '2018-10-20' });

    // Then 25 Oct reads differently by what the ledger knew…
    expect(control(ledger, '2018-10-25', beforeBackDated)).toMatchObject({ status: 'controlled', controller: 'isis' });
    expect(control(ledger, '2018-10-25')).toMatchObject({
      status: 'contested',
      controller: null,
      shares: [
        ['isis', 0.5],
        ['sdf', 0.5],
      ],
    });
    // …while 14 Nov, after the later claim, is the same either way
    expect(control(ledger, '2018-11-14', beforeBackDated)).toMatchObject({ status: 'controlled', controller: 'sdf' });
    expect(control(ledger, '2018-11-14')).toMatchObject({ status: 'controlled', controller: 'sdf' });
    expect(control(ledger, '2018-11-14').claimIds).toEqual(['isis-holds', 'sdf-half-in-october', 'sdf-takes-all']);
  });

  it('a claim recorded after K is not known at K, whatever its valid date', () => {
    const ledger = given().claim('a', { actor: 'a', share: 1, date: '2018-01-01' });
    const k = ledger.now;
    ledger.claim('b', { actor: 'b', share: 1, date: '2017-01-01' });
    expect(control(ledger, '2017-06-01', k).status).toBe('unknown');
    expect(control(ledger, '2017-06-01').controller).toBe('b');
  });
});

describe('source reliability as known at K', () => {
  it('a revised reliability changes the grade only for cutoffs after the revision', () => {
    const ledger = alSusa();
    const beforeRevision = ledger.now;
    ledger.source('al-quds-al-arabi', 'D');
    expect(control(ledger, '2018-11-14', beforeRevision).grade).toBe('B3');
    expect(control(ledger, '2018-11-14').grade).toBe('D3');
  });

  it('a source registered after K has no reliability at K', () => {
    const ledger = given().claim('a', { actor: 'a', share: 1, date: '2018-01-01', source: 'late' });
    const k = ledger.now;
    ledger.source('late', 'A');
    expect(control(ledger, '2018-01-01', k).grade).toBeNull();
    expect(control(ledger, '2018-01-01').grade).toBe('A3');
  });
});

describe('minGrade (DESIGN step 5)', () => {
  const ledger = () =>
    given()
      .source('reliable', 'A')
      .source('usual', 'B')
      .source('fair', 'C')
      .source('unreliable', 'E')
      .source('unjudged', 'F')
      .claim('isis-holds', { actor: 'isis', share: 1, date: '2018-10', source: 'reliable', credibility: 2 })
      .claim('sdf-80', { actor: 'sdf', share: 0.8, date: '2018-11-13', source: 'usual', credibility: 3 });

  it.each([
    { minGrade: 'B3', extra: { source: 'fair', credibility: 3 }, counts: false, why: 'reliability C is worse than B' },
    { minGrade: 'B3', extra: { source: 'unreliable', credibility: 1 }, counts: false, why: 'reliability E is worse than B' },
    { minGrade: 'B3', extra: { source: 'reliable', credibility: 4 }, counts: false, why: 'credibility 4 is worse than 3' },
    {
      minGrade: 'B3',
      extra: { source: 'reliable', credibility: 6 },
      counts: false,
      why: 'credibility 6 (cannot be judged) ranks last',
    },
    {
      minGrade: 'E5',
      extra: { source: 'unjudged', credibility: 1 },
      counts: false,
      why: 'reliability F (cannot be judged) ranks last',
    },
    {
      minGrade: 'B3',
      extra: { source: 'never-registered', credibility: 1 },
      counts: false,
      why: 'an unknown reliability cannot meet it',
    },
    { minGrade: 'B3', extra: { source: 'usual', credibility: 3 }, counts: true, why: 'exactly B3 meets B3' },
    { minGrade: 'B3', extra: { source: 'reliable', credibility: 1 }, counts: true, why: 'A1 is better on both axes' },
    { minGrade: 'F6', extra: { source: 'unjudged', credibility: 6 }, counts: true, why: 'F6 meets F6' },
  ] as const)(
    'a claim graded $extra.source/$extra.credibility under minGrade $minGrade: counts=$counts ($why)',
    ({ minGrade, extra, counts }) => {
      // Given a third claim handing al-Susa to the YPG on 20 Nov
      const l = ledger().claim('ypg-all', { actor: 'ypg', share: 1, date: '2018-11-20', ...extra });
      // When
      const state = control(l, '2018-11-21', {}, 'al-susa', minGrade);
      // Then
      expect(state.claimIds.includes('ypg-all')).toBe(counts);
      // and without minGrade it always counts
      expect(control(l, '2018-11-21').controller).toBe('ypg');
    },
  );

  it('a poorly graded claim is left out, and the state is what the well-graded claims support', () => {
    const l = ledger().claim('rumour', { actor: 'ypg', share: 1, date: '2018-11-20', source: 'unreliable', credibility: 5 });
    expect(control(l, '2018-11-21', {}, 'al-susa', 'B3')).toMatchObject({
      controller: 'sdf',
      grade: 'B3',
      claimIds: ['isis-holds', 'sdf-80'],
    });
    expect(control(l, '2018-11-21', {}, 'al-susa', 'A2')).toMatchObject({
      status: 'controlled',
      controller: 'isis',
      claimIds: ['isis-holds'],
    });
  });

  it('grades are judged as known at K: a source upgraded after K does not pass at K', () => {
    const l = ledger().claim('ypg-all', { actor: 'ypg', share: 1, date: '2018-11-20', source: 'fair', credibility: 2 });
    const beforeUpgrade = l.now;
    l.source('fair', 'B');
    expect(control(l, '2018-11-21', beforeUpgrade, 'al-susa', 'B3').controller).toBe('sdf');
    expect(control(l, '2018-11-21', {}, 'al-susa', 'B3').controller).toBe('ypg');
  });
});

describe('the cutoff: asOf (a position) and knownAt (an instant)', () => {
  // Positions 1, 2 register sources; 3 ISIS; 4 SDF; 5 the correction; 6 the retraction. Each is stamped stampOf(n).
  const ledger = () => alSusa().correct('sdf-80', { share: 0.6 }).retract('sdf-80');
  const sdfShare = (cutoff: Cutoff) => control(ledger(), '2018-11-14', cutoff).shares.find(([a]) => a === 'sdf')?.[1];

  it.each([
    { cutoff: {}, sdf: undefined, what: 'everything: retracted' },
    { cutoff: { position: 3n }, sdf: undefined, what: 'asOf 3: not yet recorded' },
    { cutoff: { position: 4n }, sdf: 0.8, what: 'asOf 4: as recorded' },
    { cutoff: { position: 5n }, sdf: 0.6, what: 'asOf 5: corrected' },
    { cutoff: { position: 6n }, sdf: undefined, what: 'asOf 6: retracted' },
    { cutoff: { instant: stampOf(4) }, sdf: 0.8, what: 'knownAt the recording instant itself: recorded' },
    { cutoff: { instant: '2019-01-01T00:03:59.999Z' }, sdf: undefined, what: 'knownAt 1 ms before the recording' },
    { cutoff: { instant: '2019-01-01T00:05:00Z' }, sdf: 0.6, what: 'knownAt without milliseconds, at the correction' },
    { cutoff: { instant: '2019-01-01T02:05:30+02:00' }, sdf: 0.6, what: 'knownAt with an offset, just after the correction' },
    { cutoff: { instant: '2019-01-01T00:05:59.999Z' }, sdf: 0.6, what: 'knownAt just before the retraction' },
    { cutoff: { position: 4n, instant: stampOf(6) }, sdf: 0.8, what: 'both: the position is stricter' },
    { cutoff: { position: 6n, instant: stampOf(5) }, sdf: 0.6, what: 'both: the instant is stricter' },
  ])('$what', ({ cutoff, sdf }) => {
    expect(sdfShare(cutoff)).toBe(sdf);
  });
});
