import { describe, expect, it } from 'vitest';
import type { ClaimCommand, RecordClaim } from '../../domain/claims/commands.js';
import { claimDecider } from '../../domain/claims/decider.js';
import type { EventOf } from '../../domain/events.js';
import { type Case, check } from './support/scenario.js';
import {
  meetingInHayAlJamiyat,
  militiasLeaveAlMayadin,
  militiasLeaveAlMayadinRecorded,
  sdfControlsAlSusa,
  sdfControlsAlSusaRecorded,
} from './support/workedExample.js';

type Data = RecordClaim & { id: string };
const record = (data: Data, over: Partial<Data> = {}): ClaimCommand => ({ type: 'RecordClaim', data: { ...data, ...over } });
const control = (over: Partial<Data> = {}) => record(sdfControlsAlSusa, over);
const withdrawal = (over: Partial<Data> = {}) => record(militiasLeaveAlMayadin, over);
const meeting = (over: Partial<Data> = {}) => record(meetingInHayAlJamiyat, over);

const corrected: EventOf<'ClaimCorrected'> = {
  type: 'ClaimCorrected',
  data: { claimId: 'sdf-controls-80pct-al-susa', corrected: { ...sdfControlsAlSusa, share: 0.7 }, reason: 'revised' },
};

const meetingRecorded: EventOf<'ClaimRecorded'> = {
  type: 'ClaimRecorded',
  data: {
    claimId: 'irgc-russia-meeting-al-bukamal',
    articleId: 'alquds-2018-11-14',
    kind: 'meeting',
    placeId: 'hay-al-jamiyat',
    actorIds: ['irgc', 'russian-armed-forces'],
    validTime: { date: '2018-11', approximate: true },
    credibility: 3,
    attributedTo: 'al-furat-post',
  },
};

/** The expected event with some fields replaced; `undefined` means the field is absent. */
const recordedAs = (
  event: EventOf<'ClaimRecorded'>,
  over: Partial<EventOf<'ClaimRecorded'>['data']>,
): EventOf<'ClaimRecorded'> => ({
  type: 'ClaimRecorded',
  data: Object.fromEntries(
    Object.entries({ ...event.data, ...over }).filter(([, v]) => v !== undefined),
  ) as EventOf<'ClaimRecorded'>['data'],
});

const invalid = (fields: string[]) => ({ code: 'invalid_command' as const, fields });

const cases: Case<ClaimCommand>[] = [
  { name: 'a control claim is recorded', when: control(), emits: [sdfControlsAlSusaRecorded] },
  { name: 'a withdrawal in favour of another actor is recorded', when: withdrawal(), emits: [militiasLeaveAlMayadinRecorded] },
  {
    name: 'a meeting of two actors is recorded, without the optional fields it leaves undefined',
    when: meeting({ quote: undefined, summary: undefined }),
    emits: [meetingRecorded],
  },
  {
    name: 'a timeline claim may name no actor (air strikes by unidentified aircraft)',
    when: meeting({ actorIds: [] }),
    emits: [recordedAs(meetingRecorded, { actorIds: [] })],
  },
  {
    name: 'every unknown reference is named by its field',
    when: withdrawal(),
    existing: [],
    fails: { code: 'unknown_reference', fields: ['articleId', 'placeId', 'actorIds/0', 'inFavourOf', 'attributedTo'] },
  },
  {
    name: 'an unknown second actor is named by its index',
    when: meeting(),
    existing: ['article-alquds-2018-11-14', 'place-hay-al-jamiyat', 'actor-irgc', 'source-al-furat-post'],
    fails: { code: 'unknown_reference', fields: ['actorIds/1'], message: /actor-russian-armed-forces/ },
  },
  {
    name: 'control names exactly one actor, not two',
    when: control({ actorIds: ['sdf', 'isis'] }),
    fails: invalid(['actorIds']),
  },
  { name: 'control names exactly one actor, not none', when: control({ actorIds: [] }), fails: invalid(['actorIds']) },
  { name: 'control needs a share', when: control({ share: undefined }), fails: invalid(['share']) },
  { name: 'control has no inFavourOf', when: control({ inFavourOf: 'isis' }), fails: invalid(['inFavourOf']) },
  { name: 'withdrawal has no share', when: withdrawal({ share: 0.5 }), fails: invalid(['share']) },
  {
    name: 'withdrawal names exactly one actor',
    when: withdrawal({ actorIds: ['irgc-backed-militias', 'irgc'] }),
    fails: invalid(['actorIds']),
  },
  {
    name: 'a withdrawal without inFavourOf is recorded',
    when: withdrawal({ inFavourOf: undefined }),
    emits: [recordedAs(militiasLeaveAlMayadinRecorded, { inFavourOf: undefined })],
  },
  {
    name: 'an actor cannot withdraw in favour of itself',
    when: withdrawal({ inFavourOf: 'irgc-backed-militias' }),
    fails: invalid(['inFavourOf']),
  },
  { name: 'a meeting has no share', when: meeting({ share: 1 }), fails: invalid(['share']) },
  { name: 'a meeting has no inFavourOf', when: meeting({ inFavourOf: 'irgc' }), fails: invalid(['inFavourOf']) },
  {
    name: 'an actor is named once',
    when: meeting({ actorIds: ['irgc', 'russian-armed-forces', 'irgc'] }),
    fails: invalid(['actorIds/2']),
  },
  {
    name: 'every shape problem is reported at once',
    when: control({ actorIds: ['sdf', 'sdf'], share: undefined }),
    fails: invalid(['actorIds', 'share', 'actorIds/1']),
  },
  {
    name: 'a malformed claim is reported as such before its references are checked',
    when: control({ actorIds: ['sdf', 'isis'] }),
    existing: [],
    fails: invalid(['actorIds']),
  },
  { name: 'an identical repeat has nothing to do', given: [sdfControlsAlSusaRecorded], when: control(), emits: [] },
  {
    name: 'an identical repeat after a correction is still recognised against the record',
    given: [sdfControlsAlSusaRecorded, corrected],
    when: control(),
    emits: [],
  },
  {
    name: 'recording the id again with another share is a conflict',
    given: [sdfControlsAlSusaRecorded],
    when: control({ share: 0.9 }),
    fails: { code: 'already_exists', fields: ['share'] },
  },
];

describe('claim decider: recording', () => {
  it.each(cases)('$name', (c) => check(claimDecider, c));

  it('references the article, place, actors, the actor in favour of and the attributed source', () => {
    expect(claimDecider.references(withdrawal())).toEqual([
      'article-alquds-2018-11-14',
      'place-al-mayadin',
      'actor-irgc-backed-militias',
      'actor-russian-armed-forces',
      'source-al-furat-post',
    ]);
  });

  it('lists a stream once even when two fields name it', () => {
    expect(claimDecider.references(meeting({ actorIds: ['irgc', 'irgc'] })).filter((s) => s === 'actor-irgc')).toHaveLength(1);
  });
});
