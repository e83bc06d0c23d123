import { describe, expect, it } from 'vitest';
import { claimDecider } from '../../domain/claims/decider.js';
import { fold } from '../../domain/decider.js';
import type { DomainEvent } from '../../domain/events.js';
import { sdfControlsAlSusaRecorded } from './support/workedExample.js';

const { claimId, articleId: _a, kind: _k, ...body } = sdfControlsAlSusaRecorded.data;

describe('claim state', () => {
  it('is undefined until the claim is recorded, and follow-ups before it are ignored', () => {
    expect(claimDecider.initialState).toBeUndefined();
    expect(fold(claimDecider, [{ type: 'ClaimRetracted', data: { claimId, reason: 'x' } }])).toBeUndefined();
  });

  it('keeps the current body, the counts of what happened to it, and whether it was retracted', () => {
    const history: DomainEvent[] = [
      sdfControlsAlSusaRecorded,
      { type: 'ClaimCorrected', data: { claimId, corrected: { ...body, share: 0.7 }, reason: 'revised' } },
      { type: 'ClaimCorroborated', data: { claimId, articleId: 'other-article' } },
      { type: 'ClaimDisputed', data: { claimId, reason: 'denied' } },
      { type: 'ClaimRetracted', data: { claimId, reason: 'withdrawn' } },
    ];
    expect(fold(claimDecider, history)).toEqual({
      recorded: sdfControlsAlSusaRecorded.data,
      articleId: 'alquds-2018-11-14',
      kind: 'control',
      body: { ...body, share: 0.7 },
      retracted: true,
      corrections: 1,
      corroborations: [{ claimId, articleId: 'other-article' }],
      disputes: [{ claimId, reason: 'denied' }],
    });
  });

  it('a second ClaimRecorded in the stream does not rewrite the first', () => {
    const stray: DomainEvent = { type: 'ClaimRecorded', data: { ...sdfControlsAlSusaRecorded.data, share: 0.1 } };
    expect(fold(claimDecider, [sdfControlsAlSusaRecorded, stray])?.body.share).toBe(0.8);
  });
});
