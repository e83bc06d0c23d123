import { describe, expect, it } from 'vitest';
import type { ClaimCommand, CorrectClaim } from '../../domain/claims/commands.js';
import { claimDecider } from '../../domain/claims/decider.js';
import type { ClaimBody, DomainEvent, EventOf } from '../../domain/events.js';
import { type Case, check } from './support/scenario.js';
import { militiasLeaveAlMayadinRecorded, sdfControlsAlSusaRecorded } from './support/workedExample.js';

const SDF_CLAIM = 'sdf-controls-80pct-al-susa';
const WITHDRAWAL = 'irgc-militias-leave-al-mayadin';
const OTHER_ARTICLE = 'al-furat-post-2018-11-15';

const { claimId: _c, articleId: _a, kind: _k, ...sdfBody } = sdfControlsAlSusaRecorded.data;
const { claimId: _c2, articleId: _a2, kind: _k2, ...withdrawalBody } = militiasLeaveAlMayadinRecorded.data;

const correct = (changes: CorrectClaim['changes'], id = SDF_CLAIM, articleId?: string): ClaimCommand => ({
  type: 'CorrectClaim',
  data: { id, changes, reason: 'SDF revised the figure', ...(articleId ? { articleId } : {}) },
});
const corrected = (body: ClaimBody, claimId = SDF_CLAIM): EventOf<'ClaimCorrected'> => ({
  type: 'ClaimCorrected',
  data: { claimId, corrected: body, reason: 'SDF revised the figure' },
});
const corroborate = (data: { articleId: string; credibility?: 1 | 2 | 3; note?: string }): ClaimCommand => ({
  type: 'CorroborateClaim',
  data: { id: SDF_CLAIM, ...data },
});
const dispute = (data: { articleId?: string; reason: string }): ClaimCommand => ({
  type: 'DisputeClaim',
  data: { id: SDF_CLAIM, ...data },
});
const retract: ClaimCommand = { type: 'RetractClaim', data: { id: SDF_CLAIM, reason: 'the source withdrew it' } };
const retracted: DomainEvent = { type: 'ClaimRetracted', data: { claimId: SDF_CLAIM, reason: 'the source withdrew it' } };

const recorded = [sdfControlsAlSusaRecorded];
const invalid = (fields: string[]) => ({ code: 'invalid_command' as const, fields });

const corrections: Case<ClaimCommand>[] = [
  {
    name: 'a correction records the whole corrected body, not the patch',
    given: recorded,
    when: correct({ share: 0.7 }),
    emits: [corrected({ ...sdfBody, share: 0.7 })],
  },
  {
    name: 'a correction names the article that brought it',
    given: recorded,
    when: correct({ share: 0.7 }, SDF_CLAIM, OTHER_ARTICLE),
    emits: [{ type: 'ClaimCorrected', data: { ...corrected({ ...sdfBody, share: 0.7 }).data, articleId: OTHER_ARTICLE } }],
  },
  {
    name: 'null removes an optional field',
    given: recorded,
    when: correct({ attributedTo: null, quote: null }),
    emits: [corrected((({ attributedTo: _, quote: _q, ...rest }) => rest)(sdfBody))],
  },
  {
    name: 'a second correction builds on the first',
    given: [...recorded, corrected({ ...sdfBody, share: 0.7 })],
    when: correct({ validTime: { date: '2018-11-12', approximate: true } }),
    emits: [corrected({ ...sdfBody, share: 0.7, validTime: { date: '2018-11-12', approximate: true } })],
  },
  { name: 'a correction that changes nothing has nothing to do', given: recorded, when: correct({ share: 0.8 }), emits: [] },
  { name: 'an empty correction has nothing to do', given: recorded, when: correct({}), emits: [] },
  {
    name: 'removing a field the claim does not have changes nothing',
    given: recorded,
    when: correct({ inFavourOf: null }),
    emits: [],
  },
  {
    name: 'a correction that would give control two actors is refused, naming the change',
    given: recorded,
    when: correct({ actorIds: ['sdf', 'isis'] }),
    fails: invalid(['changes/actorIds']),
  },
  {
    name: 'a correction cannot add inFavourOf to a control claim',
    given: recorded,
    when: correct({ inFavourOf: 'isis' }),
    fails: invalid(['changes/inFavourOf']),
  },
  {
    name: 'a correction cannot make an actor withdraw in favour of itself',
    given: [militiasLeaveAlMayadinRecorded],
    when: correct({ actorIds: ['russian-armed-forces'] }, WITHDRAWAL),
    fails: invalid(['changes/inFavourOf']),
  },
  {
    name: 'a correction can remove the actor a withdrawal favoured',
    given: [militiasLeaveAlMayadinRecorded],
    when: correct({ inFavourOf: null }, WITHDRAWAL),
    emits: [corrected((({ inFavourOf: _, ...rest }) => rest)(withdrawalBody), WITHDRAWAL)],
  },
  {
    name: 'a correction cannot give a withdrawal a share',
    given: [militiasLeaveAlMayadinRecorded],
    when: correct({ share: 0.5 }, WITHDRAWAL),
    fails: invalid(['changes/share']),
  },
  {
    name: 'the references a correction introduces must exist',
    given: recorded,
    when: correct({ placeId: 'atlantis', actorIds: ['nobody'], attributedTo: 'nowhere' }, SDF_CLAIM, 'no-article'),
    existing: [],
    fails: { code: 'unknown_reference', fields: ['changes/placeId', 'changes/actorIds/0', 'changes/attributedTo', 'articleId'] },
  },
  {
    name: 'a correction of a retracted claim is refused',
    given: [...recorded, retracted],
    when: correct({ share: 0.5 }),
    fails: { code: 'claim_retracted', message: /sdf-controls-80pct-al-susa/ },
  },
  { name: 'a correction of a claim that does not exist', when: correct({ share: 0.5 }), fails: { code: 'not_found' } },
];

const corroborated = (data: Omit<EventOf<'ClaimCorroborated'>['data'], 'claimId'>): DomainEvent => ({
  type: 'ClaimCorroborated',
  data: { claimId: SDF_CLAIM, ...data },
});
const disputed = (data: Omit<EventOf<'ClaimDisputed'>['data'], 'claimId'>): DomainEvent => ({
  type: 'ClaimDisputed',
  data: { claimId: SDF_CLAIM, ...data },
});

const corroborationsAndDisputes: Case<ClaimCommand>[] = [
  {
    name: 'another article corroborates the claim',
    given: recorded,
    when: corroborate({ articleId: OTHER_ARTICLE, credibility: 2 }),
    emits: [corroborated({ articleId: OTHER_ARTICLE, credibility: 2 })],
  },
  {
    name: 'the same corroboration again has nothing to do',
    given: [...recorded, corroborated({ articleId: OTHER_ARTICLE, credibility: 2 })],
    when: corroborate({ articleId: OTHER_ARTICLE, credibility: 2 }),
    emits: [],
  },
  {
    name: 'the same article corroborating with another grade is new information',
    given: [...recorded, corroborated({ articleId: OTHER_ARTICLE, credibility: 2 })],
    when: corroborate({ articleId: OTHER_ARTICLE, credibility: 1 }),
    emits: [corroborated({ articleId: OTHER_ARTICLE, credibility: 1 })],
  },
  {
    name: 'the corroborating article must exist',
    given: recorded,
    when: corroborate({ articleId: OTHER_ARTICLE }),
    existing: [],
    fails: { code: 'unknown_reference', fields: ['articleId'] },
  },
  {
    name: 'a retracted claim cannot be corroborated',
    given: [...recorded, retracted],
    when: corroborate({ articleId: OTHER_ARTICLE }),
    fails: { code: 'claim_retracted' },
  },
  {
    name: 'corroborating a claim that does not exist',
    when: corroborate({ articleId: OTHER_ARTICLE }),
    fails: { code: 'not_found' },
  },
  {
    name: 'a dispute without an article is recorded',
    given: recorded,
    when: dispute({ reason: 'ISIS media deny it' }),
    emits: [disputed({ reason: 'ISIS media deny it' })],
  },
  {
    name: 'a dispute with an article is recorded',
    given: recorded,
    when: dispute({ articleId: OTHER_ARTICLE, reason: 'fighting continues in the town centre' }),
    emits: [disputed({ articleId: OTHER_ARTICLE, reason: 'fighting continues in the town centre' })],
  },
  {
    name: 'the same dispute again has nothing to do',
    given: [...recorded, disputed({ reason: 'ISIS media deny it' })],
    when: dispute({ reason: 'ISIS media deny it' }),
    emits: [],
  },
  {
    name: 'the disputing article must exist',
    given: recorded,
    when: dispute({ articleId: OTHER_ARTICLE, reason: 'x' }),
    existing: [],
    fails: { code: 'unknown_reference', fields: ['articleId'] },
  },
  {
    name: 'a retracted claim cannot be disputed',
    given: [...recorded, retracted],
    when: dispute({ reason: 'x' }),
    fails: { code: 'claim_retracted' },
  },
  { name: 'disputing a claim that does not exist', when: dispute({ reason: 'x' }), fails: { code: 'not_found' } },
];

const retractions: Case<ClaimCommand>[] = [
  { name: 'a claim is retracted', given: recorded, when: retract, emits: [retracted] },
  {
    name: 'a corrected, corroborated and disputed claim can still be retracted',
    given: [
      ...recorded,
      corrected({ ...sdfBody, share: 0.7 }),
      corroborated({ articleId: OTHER_ARTICLE }),
      disputed({ reason: 'denied' }),
    ],
    when: retract,
    emits: [retracted],
  },
  {
    name: 'a second retraction is refused',
    given: [...recorded, retracted],
    when: retract,
    fails: { code: 'claim_retracted', message: /already retracted/ },
  },
  {
    name: 'retracting a claim that does not exist',
    when: retract,
    fails: { code: 'not_found', message: /sdf-controls-80pct-al-susa/ },
  },
];

describe('claim decider: corrections', () => {
  it.each(corrections)('$name', (c) => check(claimDecider, c));
});

describe('claim decider: corroborations and disputes', () => {
  it.each(corroborationsAndDisputes)('$name', (c) => check(claimDecider, c));
});

describe('claim decider: retractions', () => {
  it.each(retractions)('$name', (c) => check(claimDecider, c));
});

describe('claim decider: references of follow-up commands', () => {
  it('a correction references only what it changes, and the article that brought it', () => {
    expect(
      claimDecider.references(
        correct({ actorIds: ['sdf'], inFavourOf: null, attributedTo: 'al-furat-post' }, SDF_CLAIM, OTHER_ARTICLE),
      ),
    ).toEqual(['actor-sdf', 'source-al-furat-post', `article-${OTHER_ARTICLE}`]);
  });

  it('corroborations and disputes reference their article; retractions nothing', () => {
    expect(claimDecider.references(corroborate({ articleId: OTHER_ARTICLE }))).toEqual([`article-${OTHER_ARTICLE}`]);
    expect(claimDecider.references(dispute({ reason: 'x' }))).toEqual([]);
    expect(claimDecider.references(retract)).toEqual([]);
  });
});
