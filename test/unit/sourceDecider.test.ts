import { describe, it } from 'vitest';
import type { SourceCommand } from '../../domain/sources/commands.js';
import { sourceDecider } from '../../domain/sources/decider.js';
import { type Case, check } from './support/scenario.js';
import { alFuratPost, alFuratPostRegistered } from './support/workedExample.js';

const register = (over: Partial<typeof alFuratPost> = {}): SourceCommand => ({
  type: 'RegisterSource',
  data: { ...alFuratPost, ...over },
});
const revise = (reliability: 'A' | 'B' | 'C', reason = 'track record since 2017'): SourceCommand => ({
  type: 'ReviseSourceReliability',
  data: { id: 'al-furat-post', reliability, reason },
});
const revised = (reliability: 'A' | 'B' | 'C', reason = 'track record since 2017') =>
  ({ type: 'SourceReliabilityRevised', data: { sourceId: 'al-furat-post', reliability, reason } }) as const;

const furat = alFuratPost.name;

const cases: Case<SourceCommand>[] = [
  { name: 'registering a new source records it', when: register(), emits: [alFuratPostRegistered] },
  {
    name: 'an optional field left undefined is not written into the event',
    when: register({ url: undefined, note: undefined }),
    emits: [alFuratPostRegistered],
  },
  { name: 'an identical repeat has nothing to do', given: [alFuratPostRegistered], when: register(), emits: [] },
  {
    name: 'an identical repeat after a revision is still recognised against the registration',
    given: [alFuratPostRegistered, revised('B')],
    when: register(),
    emits: [],
  },
  {
    name: 'registering the id again with other data is a conflict naming the fields',
    given: [alFuratPostRegistered],
    when: register({ reliability: 'A', note: 'changed' }),
    fails: { code: 'already_exists', fields: ['note', 'reliability'], message: /al-furat-post/ },
  },
  { name: 'revising the reliability records it', given: [alFuratPostRegistered], when: revise('B'), emits: [revised('B')] },
  { name: 'revising to the current grade has nothing to do', given: [alFuratPostRegistered], when: revise('C'), emits: [] },
  {
    name: 'the current grade is the latest revision',
    given: [alFuratPostRegistered, revised('B')],
    when: revise('C'),
    emits: [revised('C')],
  },
  { name: 'revising a source that does not exist', when: revise('B'), fails: { code: 'not_found', message: /al-furat-post/ } },
  {
    name: 'adding spellings records the name with the new ones (Alfurat Post is Al-Furat Post written together)',
    given: [alFuratPostRegistered],
    when: {
      type: 'AddSourceVariants',
      data: { id: 'al-furat-post', variants: ['Alfurat Post', 'Euphrates-Post', 'Furat Post'] },
    },
    emits: [
      {
        type: 'SourceRenamed',
        data: { sourceId: 'al-furat-post', name: { ...furat, variants: [...furat.variants, 'Furat Post'] } },
      },
    ],
  },
  {
    name: 'renaming records the new name; the same again has nothing to do',
    given: [
      alFuratPostRegistered,
      { type: 'SourceRenamed', data: { sourceId: 'al-furat-post', name: { ...furat, en: 'Furat Post' } } },
    ],
    when: { type: 'RenameSource', data: { id: 'al-furat-post', name: { ...furat, en: 'Furat Post' } } },
    emits: [],
  },
  {
    name: 'renaming records the new name in full, with its reason',
    given: [alFuratPostRegistered],
    when: { type: 'RenameSource', data: { id: 'al-furat-post', name: { ...furat, en: 'Furat Post' }, reason: 'rebranded' } },
    emits: [
      { type: 'SourceRenamed', data: { sourceId: 'al-furat-post', name: { ...furat, en: 'Furat Post' }, reason: 'rebranded' } },
    ],
  },
  {
    name: 'renaming a source that does not exist',
    when: { type: 'RenameSource', data: { id: 'al-furat-post', name: furat } },
    fails: { code: 'not_found' },
  },
];

describe('source decider', () => {
  it.each(cases)('$name', (c) => check(sourceDecider, c));

  it('names no other aggregate', ({ expect }) => {
    expect(sourceDecider.references(register())).toEqual([]);
  });
});
