import { describe, expect, it } from 'vitest';
import type { ActorCommand } from '../../domain/actors/commands.js';
import { actorDecider } from '../../domain/actors/decider.js';
import { type Case, check } from './support/scenario.js';
import { irgcMilitias, militaryCouncil, militaryCouncilRegistered } from './support/workedExample.js';

const register = (over: Partial<typeof militaryCouncil> = {}): ActorCommand => ({
  type: 'RegisterActor',
  data: { ...militaryCouncil, ...over },
});

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
];

describe('actor decider', () => {
  it.each(cases)('$name', (c) => check(actorDecider, c));

  it('references its parent and the actor it is aligned with', () => {
    expect(actorDecider.references(register({ alignedWith: 'international-coalition' }))).toEqual([
      'actor-sdf',
      'actor-international-coalition',
    ]);
    expect(actorDecider.references(register({ parentId: undefined }))).toEqual([]);
  });
});
