import { describe, expect, it } from 'vitest';
import type { ActorCommand } from '../../domain/actors/commands.js';
import { actorDecider } from '../../domain/actors/decider.js';
import type { DomainEvent } from '../../domain/events.js';
import type { Names } from '../../domain/names.js';
import { type Case, check } from './support/scenario.js';
import { irgcMilitias, militaryCouncil, militaryCouncilRegistered } from './support/workedExample.js';

const register = (over: Partial<typeof militaryCouncil> = {}): ActorCommand => ({
  type: 'RegisterActor',
  data: { ...militaryCouncil, ...over },
});

const council = militaryCouncil.names;
const addVariants = (variants: string[]): ActorCommand => ({
  type: 'AddActorVariants',
  data: { id: 'deir-ez-zor-military-council', variants, reason: 'as SDF media write it' },
});
const renamed = (names: Names, reason?: string): DomainEvent => ({
  type: 'ActorRenamed',
  data: { actorId: 'deir-ez-zor-military-council', names, ...(reason ? { reason } : {}) },
});
const withDmc = { ...council, variants: ['DMC', 'مجلس دير الزور'] };

const cases: Case<ActorCommand>[] = [
  { name: 'registering an actor part of an existing one records it', when: register(), emits: [militaryCouncilRegistered] },
  {
    name: 'the parent must exist',
    when: register(),
    existing: [],
    fails: { code: 'unknown_reference', fields: ['parentId'], message: /actor-sdf/ },
  },
  {
    name: 'the actor it is aligned with must exist',
    when: { type: 'RegisterActor', data: irgcMilitias },
    existing: [],
    fails: { code: 'unknown_reference', fields: ['alignedWith'], message: /actor-irgc/ },
  },
  {
    name: 'every missing reference is named',
    when: register({ alignedWith: 'international-coalition' }),
    existing: [],
    fails: { code: 'unknown_reference', fields: ['parentId', 'alignedWith'] },
  },
  {
    name: 'an actor cannot be its own parent',
    when: register({ parentId: 'deir-ez-zor-military-council' }),
    fails: { code: 'invalid_command', fields: ['parentId'] },
  },
  {
    name: 'an actor cannot be aligned with itself',
    when: register({ alignedWith: 'deir-ez-zor-military-council' }),
    fails: { code: 'invalid_command', fields: ['alignedWith'] },
  },
  { name: 'an identical repeat has nothing to do', given: [militaryCouncilRegistered], when: register(), emits: [] },
  {
    name: 'registering the id again with another kind is a conflict',
    given: [militaryCouncilRegistered],
    when: register({ kind: 'militia' }),
    fails: { code: 'already_exists', fields: ['kind'] },
  },
  {
    name: 'adding aliases records the names with them, in order',
    given: [militaryCouncilRegistered],
    when: addVariants(['DMC', 'مجلس دير الزور']),
    emits: [renamed(withDmc, 'as SDF media write it')],
  },
  {
    name: 'aliases it already has (any spelling of its names or aliases, or repeated) are left out',
    given: [militaryCouncilRegistered, renamed(withDmc)],
    when: addVariants(['dmc', 'Deir-ez-Zor military council', 'Deir Ezzor MC', 'deir ezzor mc']),
    emits: [renamed({ ...withDmc, variants: [...withDmc.variants, 'Deir Ezzor MC'] }, 'as SDF media write it')],
  },
  {
    name: 'aliases it already has, only, have nothing to do',
    given: [militaryCouncilRegistered, renamed(withDmc)],
    when: addVariants(['DMC']),
    emits: [],
  },
  {
    name: 'more than 50 variants in all are refused',
    given: [militaryCouncilRegistered, renamed({ ...council, variants: Array.from({ length: 50 }, (_, i) => `v${i}`) })],
    when: addVariants(['one more']),
    fails: { code: 'invalid_command', fields: ['variants'] },
  },
  { name: 'adding aliases to an actor that does not exist', when: addVariants(['DMC']), fails: { code: 'not_found' } },
  {
    name: 'renaming records the new names in full',
    given: [militaryCouncilRegistered],
    when: {
      type: 'RenameActor',
      data: { id: 'deir-ez-zor-military-council', names: { ...council, en: 'DeZ Military Council' } },
    },
    emits: [renamed({ ...council, en: 'DeZ Military Council' })],
  },
  {
    name: 'renaming to the current names has nothing to do',
    given: [militaryCouncilRegistered, renamed(withDmc)],
    when: { type: 'RenameActor', data: { id: 'deir-ez-zor-military-council', names: withDmc } },
    emits: [],
  },
  {
    name: 'renaming an actor that does not exist',
    when: { type: 'RenameActor', data: { id: 'deir-ez-zor-military-council', names: withDmc } },
    fails: { code: 'not_found' },
  },
  {
    name: 'an identical registration after a rename is still recognised against the registration',
    given: [militaryCouncilRegistered, renamed(withDmc)],
    when: register(),
    emits: [],
  },
];

describe('actor decider', () => {
  it.each(cases)('$name', (c) => check(actorDecider, c));

  it('references its parent and the actor it is aligned with', () => {
    expect(actorDecider.references(register({ alignedWith: 'international-coalition' }))).toEqual([
      'actor-sdf',
      'actor-international-coalition',
    ]);
    expect(actorDecider.references(register({ parentId: undefined }))).toEqual([]);
    expect(actorDecider.references(addVariants(['DMC']))).toEqual([]);
  });
});
