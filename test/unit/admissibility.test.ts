import { describe, expect, it } from 'vitest';
import {
  afterEvent,
  emptyHistory,
  inadmissibility,
  isRegistered,
  referencesOf,
  type StreamHistory,
} from '../../domain/admissibility.js';
import type { DomainEvent, EventOf } from '../../domain/events.js';
import { alSusaRegistered, sdfControlsAlSusaRecorded } from './support/workedExample.js';

/**
 * A recorded event is admissible when the decider, deciding the command the event answers on
 * the state so far, records exactly it: the deciders' rules, reused, for events that arrive
 * already decided (an import).
 */
const CLAIM = 'claim-sdf-controls-80pct-al-susa';
const historyOf = (streamId: string, events: readonly DomainEvent[]): StreamHistory =>
  events.reduce(afterEvent, emptyHistory(streamId));
const everyReference = (event: DomainEvent) => ({ existing: new Set(referencesOf(event)) });

const { claimId: _c, articleId: _a, kind: _k, ...body } = sdfControlsAlSusaRecorded.data;
const corrected = (over: Partial<typeof body>, without: (keyof typeof body)[] = []): EventOf<'ClaimCorrected'> => {
  const next: Record<string, unknown> = { ...body, ...over };
  for (const field of without) delete next[field];
  return { type: 'ClaimCorrected', data: { claimId: 'sdf-controls-80pct-al-susa', corrected: next as typeof body, reason: 'r' } };
};
const retracted: DomainEvent = { type: 'ClaimRetracted', data: { claimId: 'sdf-controls-80pct-al-susa', reason: 'r' } };

describe('inadmissibility', () => {
  it('admits a registration whose references exist, and says which streams it references', () => {
    expect(referencesOf(sdfControlsAlSusaRecorded).sort()).toEqual([
      'actor-deir-ez-zor-military-council',
      'article-alquds-2018-11-14',
      'place-al-susa',
      'source-sdf-media',
    ]);
    expect(inadmissibility(emptyHistory(CLAIM), sdfControlsAlSusaRecorded, everyReference(sdfControlsAlSusaRecorded))).toBe(
      undefined,
    );
  });

  it('names the references that do not exist, as the event names them', () => {
    expect(
      inadmissibility(emptyHistory(CLAIM), sdfControlsAlSusaRecorded, { existing: new Set(['place-al-susa']) }),
    ).toMatchObject({ rule: 'unknown_reference', fields: ['articleId', 'actorIds/0', 'attributedTo'] });
  });

  it('admits a correction that removes an optional field, since a recorded correction is the whole body', () => {
    const event = corrected({ share: 0.7 }, ['quote', 'attributedTo']);
    expect(inadmissibility(historyOf(CLAIM, [sdfControlsAlSusaRecorded]), event, everyReference(event))).toBe(undefined);
  });

  it('places a correction’s failing fields under corrected/', () => {
    const event = corrected({ placeId: 'nowhere' });
    expect(
      inadmissibility(historyOf(CLAIM, [sdfControlsAlSusaRecorded]), event, {
        existing: new Set(['actor-deir-ez-zor-military-council', 'source-sdf-media']),
      }),
    ).toMatchObject({ rule: 'unknown_reference', fields: ['corrected/placeId'] });
    const twoActors = corrected({ actorIds: ['sdf', 'isis'] });
    expect(inadmissibility(historyOf(CLAIM, [sdfControlsAlSusaRecorded]), twoActors, everyReference(twoActors))).toMatchObject({
      rule: 'invalid_command',
      fields: ['corrected/actorIds'],
    });
  });

  it.each<[string, readonly DomainEvent[], DomainEvent, string]>([
    ['a correction before the claim', [], corrected({ share: 0.7 }), 'not_found'],
    ['a correction after a retraction', [sdfControlsAlSusaRecorded, retracted], corrected({ share: 0.7 }), 'claim_retracted'],
    ['a second retraction', [sdfControlsAlSusaRecorded, retracted], retracted, 'claim_retracted'],
    ['a correction that changes nothing', [sdfControlsAlSusaRecorded], corrected({}), 'no_effect'],
    ['the same registration again', [sdfControlsAlSusaRecorded], sdfControlsAlSusaRecorded, 'already_exists'],
  ])('refuses %s (%s)', (_name, given, event, rule) => {
    expect(inadmissibility(historyOf(CLAIM, given), event, everyReference(event))).toMatchObject({ rule });
  });

  it('refuses an event in a stream other than its aggregate’s', () => {
    expect(inadmissibility(emptyHistory('place-x'), alSusaRegistered, everyReference(alSusaRegistered))).toMatchObject({
      rule: 'wrong_stream',
      fields: ['placeId'],
      message: 'PlaceRegistered of place al-susa belongs in stream place-al-susa, not place-x',
    });
    expect(inadmissibility(emptyHistory('claim-al-susa'), alSusaRegistered, everyReference(alSusaRegistered))).toMatchObject({
      rule: 'wrong_stream',
    });
  });

  it('counts a stream as registered once its registration is folded in', () => {
    expect(isRegistered(emptyHistory(CLAIM))).toBe(false);
    expect(isRegistered(historyOf(CLAIM, [sdfControlsAlSusaRecorded]))).toBe(true);
    expect(isRegistered(historyOf('webhook-1', [sdfControlsAlSusaRecorded]))).toBe(false);
  });
});
