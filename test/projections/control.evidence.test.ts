import { describe, expect, it } from 'vitest';
import { type ControlState, controlAt } from '../../projections/control/index.js';
import { type ControlLedger, given } from './controlLedger.js';

/** DESIGN step 4: every state carries the claims that produced it, the last claim's date and a grade. */
const alSusaOn = (ledger: ControlLedger, at: string): ControlState =>
  controlAt(ledger.claims, 'al-susa', { at, cutoff: {} }, ledger.reliabilityOf);

const alSusa = () =>
  given()
    .source('al-furat-post', 'C')
    .source('al-quds-al-arabi', 'B')
    .claim('isis-holds-al-susa', { actor: 'isis', share: 1, date: '2018-10', source: 'al-furat-post', credibility: 2 })
    .claim('sdf-holds-80pct', { actor: 'sdf', share: 0.8, date: '2018-11-13', source: 'al-quds-al-arabi', credibility: 3 });

describe('control evidence (DESIGN step 4)', () => {
  it('al-Susa on 14 Nov: the whole state, graded by the SDF claim', () => {
    // Given ISIS holding al-Susa since October, and the SDF claiming 80% on 13 Nov
    const ledger = alSusa();
    // When
    const state = alSusaOn(ledger, '2018-11-14');
    // Then
    expect(state).toEqual({
      status: 'contested',
      controller: 'sdf',
      shares: [
        { actorId: 'sdf', share: 0.8, since: '2018-11-13' },
        { actorId: 'isis', share: 0.2, since: '2018-10' },
      ],
      unattributed: 0,
      lastClaimAt: '2018-11-13',
      grade: 'B3',
      claimIds: ['isis-holds-al-susa', 'sdf-holds-80pct'],
    });
  });

  it('al-Susa on 12 Nov: only the ISIS claim, graded C2', () => {
    const state = alSusaOn(alSusa(), '2018-11-12');
    expect(state).toMatchObject({ controller: 'isis', lastClaimAt: '2018-10', grade: 'C2', claimIds: ['isis-holds-al-susa'] });
  });

  it('the grade is that of the claim that set the controller’s share, not of the last claim', () => {
    // Given A holding everything (B2), then E5 reporting B with 30%, which scales A to 0.7
    const ledger = given()
      .source('good', 'B')
      .source('poor', 'E')
      .claim('a-holds', { actor: 'a', share: 1, date: '2018-01-01', source: 'good', credibility: 2 })
      .claim('b-gains', { actor: 'b', share: 0.3, date: '2018-02-01', source: 'poor', credibility: 5 });
    // When
    const state = alSusaOn(ledger, '2018-02-01');
    // Then A is still the controller, on the word of its own claim; scaling did not reset its `since`
    expect(state).toMatchObject({
      controller: 'a',
      grade: 'B2',
      lastClaimAt: '2018-02-01',
      shares: [
        { actorId: 'a', share: 0.7, since: '2018-01-01' },
        { actorId: 'b', share: 0.3, since: '2018-02-01' },
      ],
    });
  });

  it('a withdrawal in favour of the controller sets its share, so grades it', () => {
    const ledger = given()
      .source('good', 'A')
      .source('fair', 'C')
      .claim('irgc-holds', { place: 'al-mayadin', actor: 'irgc', share: 1, date: '2018', source: 'good', credibility: 1 })
      .claim('irgc-leaves', {
        place: 'al-mayadin',
        kind: 'withdrawal',
        actor: 'irgc',
        inFavourOf: 'russia',
        date: '2018-10',
        source: 'fair',
        credibility: 3,
      });
    const state = controlAt(ledger.claims, 'al-mayadin', { at: '2018-11-14', cutoff: {} }, ledger.reliabilityOf);
    expect(state).toMatchObject({
      status: 'controlled',
      controller: 'russia',
      grade: 'C3',
      claimIds: ['irgc-holds', 'irgc-leaves'],
    });
  });

  it('a re-assertion of the controller’s share by another source takes over the grade', () => {
    const ledger = alSusa()
      .source('sana', 'D')
      .claim('sdf-again', { actor: 'sdf', share: 0.8, date: '2018-11-20', source: 'sana', credibility: 4 });
    expect(alSusaOn(ledger, '2018-11-20')).toMatchObject({ grade: 'D4', shares: [{ actorId: 'sdf', since: '2018-11-20' }, {}] });
  });

  it('no controller, no grade', () => {
    const ledger = given()
      .source('good', 'A')
      .claim('a', { actor: 'a', share: 0.5, date: '2018-01-01', source: 'good', credibility: 1 })
      .claim('b', { actor: 'b', share: 0.5, date: '2018-01-01', source: 'good', credibility: 1 });
    expect(alSusaOn(ledger, '2018-01-01')).toMatchObject({ status: 'contested', controller: null, grade: null });
  });

  it('a controller whose source has no reliability known at K has no grade (but still counts without minGrade)', () => {
    const ledger = given().claim('a', { actor: 'a', share: 1, date: '2018-01-01', source: 'never-registered' });
    expect(alSusaOn(ledger, '2018-01-01')).toMatchObject({ status: 'controlled', controller: 'a', grade: null });
  });

  it('claims that change nothing are still evidence, in fold order', () => {
    const ledger = given()
      .claim('a-holds', { actor: 'a', share: 1, date: '2018-01-01' })
      .claim('noop-withdrawal', { kind: 'withdrawal', actor: 'b', date: '2018-01-02' });
    // recorded first but valid later, so folded last
    const ledger2 = given()
      .claim('valid-later', { actor: 'b', share: 1, date: '2018-03' })
      .claim('valid-earlier', { actor: 'a', share: 1, date: '2018-02' });
    expect(alSusaOn(ledger, '2018-12-31')).toMatchObject({
      controller: 'a',
      lastClaimAt: '2018-01-02',
      claimIds: ['a-holds', 'noop-withdrawal'],
    });
    expect(alSusaOn(ledger2, '2018-12-31')).toMatchObject({
      controller: 'b',
      lastClaimAt: '2018-03',
      claimIds: ['valid-earlier', 'valid-later'],
    });
  });

  it('before any claim: unknown, with no evidence', () => {
    expect(alSusaOn(alSusa(), '2018-09-30')).toEqual({
      status: 'unknown',
      controller: null,
      shares: [],
      unattributed: 1,
      lastClaimAt: null,
      grade: null,
      claimIds: [],
    });
  });
});
