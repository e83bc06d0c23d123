import { describe, expect, it } from 'vitest';
import type { Names } from '../../domain/names.js';
import type { PlaceCommand } from '../../domain/places/commands.js';
import { placeDecider } from '../../domain/places/decider.js';
import { type Case, check } from './support/scenario.js';
import { alBukamal, alBukamalRegistered, alSusa, alSusaRegistered } from './support/workedExample.js';

const register = (over: Partial<typeof alSusa> = {}): PlaceCommand => ({ type: 'RegisterPlace', data: { ...alSusa, ...over } });
const newNames = { en: 'al-Susa', ar: 'السوسة', variants: ['As-Susah', 'Al-Sousa'] };
const rename = (names: Names = newNames): PlaceCommand => ({
  type: 'RenamePlace',
  data: { id: 'al-susa', names, reason: 'spelling used by Al-Furat Post' },
});
const renamed = {
  type: 'PlaceRenamed',
  data: { placeId: 'al-susa', names: newNames, reason: 'spelling used by Al-Furat Post' },
} as const;

const cases: Case<PlaceCommand>[] = [
  { name: 'registering a place under an existing parent records it', when: register(), emits: [alSusaRegistered] },
  {
    name: 'a place without a parent needs nothing else to exist',
    when: { type: 'RegisterPlace', data: alBukamal },
    existing: [],
    emits: [alBukamalRegistered],
  },
  {
    name: 'the parent must exist',
    when: register(),
    existing: [],
    fails: { code: 'unknown_reference', fields: ['parentId'], message: /place-abu-kamal-district/ },
  },
  {
    name: 'a place cannot be its own parent',
    when: register({ parentId: 'al-susa' }),
    existing: ['place-al-susa'],
    fails: { code: 'place_cycle', fields: ['parentId'] },
  },
  { name: 'an identical repeat has nothing to do', given: [alSusaRegistered], when: register(), emits: [] },
  {
    name: 'registering the id again under another parent is a conflict',
    given: [alSusaRegistered],
    when: register({ parentId: 'al-bukamal' }),
    fails: { code: 'already_exists', fields: ['parentId'] },
  },
  {
    name: 'an identical repeat after a rename is still recognised against the registration',
    given: [alSusaRegistered, renamed],
    when: register(),
    emits: [],
  },
  { name: 'renaming records the new names', given: [alSusaRegistered], when: rename(), emits: [renamed] },
  { name: 'renaming to the current names has nothing to do', given: [alSusaRegistered, renamed], when: rename(), emits: [] },
  {
    name: 'renaming back to the registered names is a change',
    given: [alSusaRegistered, renamed],
    when: rename(alSusa.names),
    emits: [{ ...renamed, data: { ...renamed.data, names: alSusa.names } }],
  },
  { name: 'renaming a place that does not exist', when: rename(), fails: { code: 'not_found' } },
  {
    name: 'adding spellings appends the new ones to the current names',
    given: [alSusaRegistered, renamed],
    when: { type: 'AddPlaceVariants', data: { id: 'al-susa', variants: ['Sousa', 'as susah'] } },
    emits: [
      { type: 'PlaceRenamed', data: { placeId: 'al-susa', names: { ...newNames, variants: [...newNames.variants, 'Sousa'] } } },
    ],
  },
  {
    name: 'adding spellings to a place that does not exist',
    when: { type: 'AddPlaceVariants', data: { id: 'al-susa', variants: ['Sousa'] } },
    fails: { code: 'not_found' },
  },
];

describe('place decider', () => {
  it.each(cases)('$name', (c) => check(placeDecider, c));

  it('references the parent place, and nothing when there is none', () => {
    expect(placeDecider.references(register())).toEqual(['place-abu-kamal-district']);
    expect(placeDecider.references({ type: 'RegisterPlace', data: alBukamal })).toEqual([]);
    expect(placeDecider.references(rename())).toEqual([]);
  });
});
